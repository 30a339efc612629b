import type { RequestContext } from '../iam-policy/request-context';
import type { ActionResources } from './authorize';
import type { AccountState, SandboxState } from './state';

/** Who signed a request: the account's root or one of its IAM users. */
export interface Caller {
  accountId: string;
  accessKeyId: string;
  /** null for the account's root key. */
  userName: string | null;
  arn: string;
  userId: string;
}

/** Everything a service operation may read or change for one request. */
export interface ServiceContext {
  state: SandboxState;
  account: AccountState;
  region: string;
  /** null for an anonymous (unsigned) request, which only S3 accepts, and only for what is public. */
  caller: Caller | null;
  now: Date;
  requestId: string;
  /** False for reads (Describe/List/Get, S3 GET/HEAD): they must leave the state exactly as it was. */
  mutating: boolean;
  /**
   * The request's global condition keys (`aws:SecureTransport`, `aws:username`, ...), for a service that evaluates
   * policies itself, as S3 does with bucket policies.
   */
  conditionKeys: RequestContext;
  /**
   * Throws `AccessDenied` in the service's dialect unless the caller's policies allow `action` on every resource
   * (`*` when none is given).
   */
  authorize(action: string, resources?: ActionResources): void;
}
