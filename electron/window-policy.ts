// The app window's security policy as small pure functions, so tests can check
// each rule without a window: where the renderer lives (app://jfp), how a window
// is configured, where it may navigate, and which links leave for the browser.
import type {
  BrowserWindowConstructorOptions,
  Event,
  HandlerDetails,
  WebContents,
  WebContentsWillNavigateEventParams,
  WebContentsWillRedirectEventParams,
} from 'electron';
import { looksLikeEmail } from '../shared/limits';

export const APP_SCHEME = 'app';
export const APP_HOST = 'jfp';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for pages the app itself serves (app://jfp/...): the only trusted origin. */
export function isAppUrl(url: unknown): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Longer links are refused: no real web page or email address needs more, and every check stays cheap. */
export const MAX_EXTERNAL_URL_CHARS = 4096;

/** The parts of a mailto: link passed on (RFC 6068); others, such as attach, are dropped. */
const MAILTO_FIELDS = new Set(['to', 'cc', 'bcc', 'subject', 'body']);
const ADDRESS_FIELDS = new Set(['to', 'cc', 'bcc']);

/** Percent-encoded as RFC 6068 asks (a space is %20, never +), leaving @ readable. */
const mailtoEncode = (text: string) => encodeURIComponent(text).replace(/%40/g, '@');

function addresses(list: string): string[] | null {
  const all = list
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return all.every(looksLikeEmail) ? all : null;
}

function normalisedMailto(parsed: URL): string | null {
  let to: string[] | null;
  try {
    to = addresses(decodeURIComponent(parsed.pathname));
  } catch {
    return null;
  }
  if (!to) return null;
  const fields: string[] = [];
  // Not URLSearchParams: in a mailto: link "+" is a plus sign, not a space.
  const pairs: Array<[string, string]> = [];
  for (const pair of parsed.search.slice(1).split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    try {
      pairs.push([decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq)), decodeURIComponent(eq < 0 ? '' : pair.slice(eq + 1))]);
    } catch {
      return null;
    }
  }
  for (const [key, value] of pairs) {
    const name = key.toLowerCase();
    if (!MAILTO_FIELDS.has(name)) continue;
    if (ADDRESS_FIELDS.has(name)) {
      const more = addresses(value);
      if (!more) return null;
      if (name === 'to') to.push(...more);
      else if (more.length) fields.push(`${name}=${more.map(mailtoEncode).join(',')}`);
    } else {
      fields.push(`${name}=${mailtoEncode(value)}`);
    }
  }
  if (to.length === 0) return null;
  return `mailto:${to.map(mailtoEncode).join(',')}${fields.length ? `?${fields.join('&')}` : ''}`;
}

/**
 * The link to hand to the operating system, or null when none should be: only
 * https web pages and mailto: links, parsed and written out again so what
 * leaves is what was checked. An https link with a user name or password is
 * refused (https://www.nhs.uk@evil.example/ goes to evil.example); a mailto:
 * link keeps its addresses, subject and body, and loses anything else, such
 * as attach=, which some mail programs act on by attaching a local file.
 */
export function externalUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_CHARS) return null;
  const parsed = parse(url);
  if (!parsed) return null;
  if (parsed.protocol === 'https:') {
    if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
    return parsed.href;
  }
  if (parsed.protocol === 'mailto:') return normalisedMailto(parsed);
  return null;
}

/** Only web pages over https and e-mail links go to the system's handlers; never file:, javascript:, http: or custom schemes. */
export function isAllowedExternalUrl(url: unknown): boolean {
  return externalUrl(url) !== null;
}

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'JFP Studio',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

export type OpenExternal = (url: string) => Promise<void>;

type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Keeps a web contents on the app's own pages: navigation elsewhere is stopped
 * (an allowed link opens in the user's browser instead), new windows are never
 * created, and <webview> cannot be attached.
 */
export function hardenWebContents(contents: HardenedContents, openExternal: OpenExternal): void {
  const leaveForBrowser = (url: string) => {
    const safe = externalUrl(url);
    if (safe) openExternal(safe).catch(() => undefined);
  };
  // details.url is current; the positional url is its deprecated twin, kept as a fallback.
  contents.on('will-navigate', (details: Event<WebContentsWillNavigateEventParams>, url: string) => {
    const target = details.url ?? url;
    if (isAppUrl(target)) return;
    details.preventDefault();
    leaveForBrowser(target);
  });
  contents.on('will-redirect', (details: Event<WebContentsWillRedirectEventParams>, url: string) => {
    if (!isAppUrl(details.url ?? url)) details.preventDefault();
  });
  contents.on('will-attach-webview', (event: Event) => event.preventDefault());
  contents.setWindowOpenHandler((details: HandlerDetails) => {
    leaveForBrowser(details.url);
    return { action: 'deny' };
  });
}
