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
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && parsed.port === '' && parsed.username === '' && parsed.password === '';
}

/** Only web pages over https and e-mail links go to the system's handlers; never file:, javascript:, http: or custom schemes. */
export function isAllowedExternalUrl(url: unknown): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'https:') return parsed.hostname !== '';
  return parsed.protocol === 'mailto:';
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
    if (isAllowedExternalUrl(url)) openExternal(url).catch(() => undefined);
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
