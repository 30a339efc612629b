/**
 * The message of something thrown, whatever was thrown: an `Error`'s message, a string as it is, anything else as
 * `fallback`. Use it where a caught value is shown to a person or logged.
 *
 * @example
 * errorMessage(new Error('disk full')); // 'disk full'
 * errorMessage(undefined, 'unknown error'); // 'unknown error'
 */
export function errorMessage(error: unknown, fallback = 'unknown error'): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return fallback;
}
