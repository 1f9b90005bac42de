// Errors that cross the bridge as plain data: a code the UI can branch on and a
// sentence a person can read. Nothing else (no stack) leaves the main process.

export const ERROR_CODES = ['invalid_input', 'not_found', 'conflict', 'unsupported_version', 'io_error', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by services; turned into `{ ok: false, error }` by the dispatcher. */
export class JfpError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'JfpError';
    this.code = code;
  }
  toApiError(): ApiError {
    return { code: this.code, message: this.message };
  }
}

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).message === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as ApiError).code)
  );
}
