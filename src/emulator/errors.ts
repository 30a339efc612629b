/**
 * An error AWS would answer with: its code (`InvalidVpcID.NotFound`), message and HTTP status. Services throw it; the
 * protocol that carries the request renders it in that protocol's error shape, so clients parse it as a real AWS error.
 */
export class AwsError extends Error {
  /** AWS's error code, exactly as AWS spells it. */
  readonly code: string;
  /** The HTTP status AWS answers with for this error. */
  readonly status: number;
  /** `Sender` for the caller's mistakes, `Receiver` for the service's own (query protocols print it). */
  readonly type: 'Sender' | 'Receiver';
  /** Extra elements some errors carry (S3's `BucketName`, `Key`, `Resource`), rendered beside Code and Message. */
  readonly detail: Readonly<Record<string, string>>;

  constructor(code: string, message: string, status = 400, detail: Record<string, string> = {}, type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender') {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status;
    this.type = type;
    this.detail = detail;
  }
}

/** True when `error` is an {@link AwsError}, across realms (msw's worker, Node's vm) where `instanceof` may fail. */
export function isAwsError(error: unknown): error is AwsError {
  return error instanceof AwsError || (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AwsError');
}
