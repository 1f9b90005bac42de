// The app:// scheme that serves the built renderer to the window instead of
// file://, so pages get a real origin (app://jfp), the strict CSP header from
// renderer-files.ts, and nothing outside dist/renderer.
import type { CustomScheme } from 'electron';
import { readRendererFile } from './services/renderer-files';
import { APP_HOST, APP_SCHEME } from './window-policy';

/** Registered before the app is ready: standard and secure so it behaves like https for origins and storage. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The protocol.handle callback: files from `rendererDir` for app://jfp/..., 404 for anything else. */
export function rendererRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let host = '';
    try {
      host = new URL(request.url).host.toLowerCase();
    } catch {
      // Answered as not found below.
    }
    const method = request.method ?? 'GET';
    if (host !== APP_HOST || (method !== 'GET' && method !== 'HEAD')) {
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    }
    const file = await readRendererFile(rendererDir, request.url);
    return new Response(method === 'HEAD' ? null : new Uint8Array(file.body), { status: file.status, headers: file.headers });
  };
}
