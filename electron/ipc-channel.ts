// The one IPC channel between the preload and the main process. Every contract
// method travels on it as (method, input), so the channel list never grows.
export const INVOKE_CHANNEL = 'jfp:invoke';
