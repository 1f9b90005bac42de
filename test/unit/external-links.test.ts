// Links that leave the app (a link in a section, an email address) reach the
// operating system only as a normalised https: or mailto: URL: no user name or
// password, no attach= or other mailto fields a mail program might act on, and
// written out again after parsing, so what leaves is exactly what was checked.
import { describe, expect, it } from 'vitest';
import { externalUrl, hardenWebContents, MAX_EXTERNAL_URL_CHARS } from '../../electron/window-policy';

describe('the link handed to the operating system', () => {
  it.each<[string, string | null]>([
    ['https://www.england.nhs.uk/long-read/joint-forward-plans/', 'https://www.england.nhs.uk/long-read/joint-forward-plans/'],
    ['HTTPS://WWW.NHS.UK', 'https://www.nhs.uk/'],
    ['https://www.nhs.uk/a page?q=virtual wards#top', 'https://www.nhs.uk/a%20page?q=virtual%20wards#top'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['https://user:pass@host.example/', null],
    ['https://www.nhs.uk@evil.example/login', null],
    ['https://:secret@host.example/', null],
    ['http://www.nhs.uk/', null],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['ms-word:ofe|u|https://x/y.docx', null],
    ['mailto:plans@nhs.net', 'mailto:plans@nhs.net'],
    ['mailto:?attach=/etc/passwd', null],
    ['mailto:plans@nhs.net?attach=/etc/passwd', 'mailto:plans@nhs.net'],
    ['mailto:plans@nhs.net?subject=Our%20plan&ATTACHMENT=~/.ssh/id_rsa&body=A+B', 'mailto:plans@nhs.net?subject=Our%20plan&body=A%2BB'],
    ['mailto:plans@nhs.net?cc=lead@nhs.net&bcc=comms@nhs.net&x-header=1', 'mailto:plans@nhs.net?cc=lead@nhs.net&bcc=comms@nhs.net'],
    ['mailto:plans@nhs.net?to=lead@nhs.net', 'mailto:plans@nhs.net,lead@nhs.net'],
    ['mailto:plans@nhs.net%0D%0ABcc:spy@evil.example', null],
    ['mailto:plans@nhs.net?cc=not an address', null],
    ['mailto:plans@nhs.net?body=%E0%A4%A', null],
    [`https://www.nhs.uk/${'a'.repeat(MAX_EXTERNAL_URL_CHARS)}`, null],
    ['', null],
  ])('%s -> %s', (url, expected) => {
    expect(externalUrl(url)).toBe(expected);
  });

  it('is what a link clicked in the window opens', () => {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    let openHandler: (details: { url: string }) => unknown = () => undefined;
    const opened: string[] = [];
    hardenWebContents(
      {
        on: ((event: string, handler: (...args: unknown[]) => unknown) => handlers.set(event, handler)) as never,
        setWindowOpenHandler: ((handler: (details: { url: string }) => unknown) => (openHandler = handler)) as never,
      },
      async (url) => {
        opened.push(url);
      },
    );
    expect(openHandler({ url: 'mailto:plans@nhs.net?attach=/etc/passwd' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'https://user:pass@host.example/' })).toEqual({ action: 'deny' });
    handlers.get('will-navigate')!({ url: 'HTTPS://WWW.NHS.UK/a b', preventDefault: () => undefined }, 'HTTPS://WWW.NHS.UK/a b');
    expect(opened).toEqual(['mailto:plans@nhs.net', 'https://www.nhs.uk/a%20b']);
  });
});
