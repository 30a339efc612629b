/**
 * An error AWS would return: its code (`InvalidVpcID.NotFound`), message and HTTP status. Services throw it; the
 * protocol layer renders it in the service's own error shape, so SDKs raise the same exception they raise on AWS.
 */
export class AwsError extends Error {
  override readonly name = 'AwsError';

  constructor(
    /** AWS's error code, exactly as AWS spells it. */
    readonly code: string,
    message: string,
    /** The HTTP status AWS answers with. */
    readonly status = 400,
    /** Extra elements some error shapes carry (S3's `BucketName`, `Key`, ...). */
    readonly details: Record<string, string> = {},
    /** Who is at fault, as query-protocol errors say: the caller (`Sender`) or AWS (`Receiver`). */
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

/** True for any value thrown as an {@link AwsError}. */
export function isAwsError(value: unknown): value is AwsError {
  return value instanceof AwsError;
}
