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

/**
 * A failed call as the CLI prints it: `An error occurred (Code) when calling the Op operation: message`, exit 254;
 * anything that is not an AWS answer (no connection) exits 255.
 */
export function serviceError(error: unknown, operation: string): CliError {
  if (!isServiceError(error))
    return { message: error instanceof Error ? error.message : String(error), exitCode: exitCodes.general };
  const status = error.$metadata?.httpStatusCode;
  // The SDK names a bodiless answer after its status (`NotFound`) and says `UnknownError` where no message came.
  const reason = status === undefined ? undefined : reasons[status];
  const bodiless = reason !== undefined && error.name === reason.replaceAll(' ', '');
  const code = bodiless ? String(status) : (error.Code ?? error.name);
  const message = bodiless ? reason : error.message === 'UnknownError' ? '' : error.message;
  return {
    message: `An error occurred (${code}) when calling the ${operation} operation: ${message}`,
    exitCode: exitCodes.client,
  };
}
