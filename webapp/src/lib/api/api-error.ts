import type { ErrorBody } from './types';

export const NETWORK_ERROR_MESSAGE =
  'Could not reach the server. Check your connection and try again.';

/** Every failed API call surfaces as an ApiError whose `message` is safe to show to people. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The envelope as it may arrive: a proxy's or an old server's error can lack `details`. */
type ReceivedErrorBody = Omit<ErrorBody, 'error'> & {
  error: Omit<ErrorBody['error'], 'details'> & { details?: ErrorBody['error']['details'] };
};

function isErrorBody(value: unknown): value is ReceivedErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const inner = value.error;
  return (
    typeof inner === 'object' &&
    inner !== null &&
    typeof (inner as { message?: unknown }).message === 'string' &&
    typeof (inner as { code?: unknown }).code === 'string'
  );
}

/** Build an ApiError from whatever the server sent back (envelope, plain text, or nothing). */
export function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    const details = body.error.details;
    return new ApiError(status, body.error.code, body.error.message, details ?? {});
  }
  if (status === 0) return new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE);
  const fallback =
    status >= 500
      ? 'The server had a problem. Please try again in a moment.'
      : `The request failed (HTTP ${status}).`;
  return new ApiError(status, 'http_error', fallback);
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return NETWORK_ERROR_MESSAGE;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
