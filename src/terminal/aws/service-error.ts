import { type CliError, exitCodes } from './cli-error';

/** What the SDK throws for an AWS error answer. */
interface SdkServiceError {
  name: string;
  /** The error code as the answer carried it (query protocols); `name` is the SDK's exception class. */
  Code?: string;
  message: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; reason?: string };
}

function isServiceError(error: unknown): error is SdkServiceError {
  return error instanceof Error && '$metadata' in error;
}

/** HTTP reasons botocore shows as the message when an error answer has no body (S3's HEAD). */
const reasons: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  412: 'Precondition Failed',
};

/** An AWS error answer's code and message as botocore reads them, or `undefined` for anything else (no connection). */
export function serviceErrorParts(error: unknown): { code: string; message: string } | undefined {
  if (!isServiceError(error)) return undefined;
  const status = error.$metadata?.httpStatusCode;
  // The SDK names a bodiless answer after its status (`NotFound`) and says `UnknownError` where no message came.
  const reason = status === undefined ? undefined : reasons[status];
  const bodiless = reason !== undefined && error.name === reason.replaceAll(' ', '');
  return {
    code: bodiless ? String(status) : (error.Code ?? error.name),
    message: bodiless ? reason : error.message === 'UnknownError' ? '' : error.message,
  };
}

/**
 * A failed call as the CLI prints it: `An error occurred (Code) when calling the Op operation: message`, exit 254;
 * anything that is not an AWS answer (no connection) exits 255.
 */
export function serviceError(error: unknown, operation: string): CliError {
  const parts = serviceErrorParts(error);
  if (!parts) return { message: error instanceof Error ? error.message : String(error), exitCode: exitCodes.general };
  return {
    message: `An error occurred (${parts.code}) when calling the ${operation} operation: ${parts.message}`,
    exitCode: exitCodes.client,
  };
}
