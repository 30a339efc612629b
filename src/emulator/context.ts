import type { AccountState, SandboxState } from './state';

/** Who signed a request: the account's root (the sandbox's default key) or one of its IAM users. */
export type Principal =
  | { kind: 'root'; accountId: string; arn: string }
  | { kind: 'user'; accountId: string; arn: string; userName: string; userId: string };

/** What a service sees of one authenticated request. Built by the core (`handle.ts`) after SigV4 verification. */
export interface ServiceContext {
  /** The original request; its body is unread. */
  readonly request: Request;
  /** The request URL, parsed. */
  readonly url: URL;
  /** The whole sandbox: services mutate it in place; the core persists it after a successful mutating call. */
  readonly state: SandboxState;
  /** The account that owns the signing key. */
  readonly account: AccountState;
  /** The region from the SigV4 credential scope (IAM and STS: `us-east-1`). */
  readonly region: string;
  /** Who signed the request, or `null` for an anonymous S3 request (no signature at all). */
  readonly principal: Principal | null;
  /** The access key id that signed the request, or `null` when anonymous. */
  readonly accessKeyId: string | null;
  /** A fresh request id, echoed in the response body and the `x-amzn-RequestId` / `x-amz-request-id` headers. */
  readonly requestId: string;
  /** The time the request is handled at (injectable for tests). */
  readonly now: Date;
  /**
   * Throws AccessDenied (in the calling service's shape) unless the principal's IAM policies allow `action`
   * (`ec2:DescribeVpcs`) on every resource ARN given (`*` when the action has no resource-level permissions).
   * Root is always allowed. Anonymous principals are denied unless the service itself decides otherwise first.
   */
  authorize(action: string, resources?: readonly string[]): void;
}
