// The IPC channels between the preload and the main process. Every contract
// method travels on one channel as (method, input), so the list never grows;
// the other two let the main process ask the page to save before a window closes.
export const INVOKE_CHANNEL = 'jfp:invoke';
export const FLUSH_REQUEST_CHANNEL = 'jfp:flush-request';
export const FLUSHED_CHANNEL = 'jfp:flushed';
/** Events from the main process to the app's pages, as (name, payload): one channel for every event. */
export const EVENT_CHANNEL = 'jfp:event';
