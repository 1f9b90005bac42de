// Serves the built renderer (dist/renderer) to the app window through the
// app:// protocol, and to Chromium in the e2e harness, with the same headers:
// a strict Content-Security-Policy, and nothing outside the folder.
import fs from 'node:fs/promises';
import path from 'node:path';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // Lexical and React set a few inline style attributes (table cell widths, indents).
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export interface RendererResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Maps a request URL to a file under `rootDir`. Anything that would escape the
 * folder (../, encoded separators, absolute paths) is a 404, as is a missing file.
 */
export async function readRendererFile(rootDir: string, requestUrl: string): Promise<RendererResponse> {
  const notFound: RendererResponse = { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }, body: Buffer.from('Not found') };
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return notFound;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return notFound;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return notFound;
  try {
    const body = await fs.readFile(file);
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type }, body };
  } catch {
    return notFound;
  }
}
