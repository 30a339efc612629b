import type { RequestContext } from '../iam-policy/request-context';
import type { ActionResources } from './authorize';
import type { AccountState, SandboxState } from './state';

/** Who signed a request: the account's root, one of its IAM users, or a session of one of its roles. */
export interface Caller {
  accountId: string;
  accessKeyId: string;
  /** The IAM user; null for the account's root and for a role session. */
  userName: string | null;
  /** For temporary credentials from AssumeRole: the role whose policies the session has, and the session's name. */
  roleSession?: { roleName: string; roleArn: string; sessionName: string };
  /**
   * For temporary credentials from GetFederationToken: the federated user's name; `userName` is then the IAM user who
   * asked for them (null for the root).
   */
  federatedUser?: { name: string };
  /** The session policy of an AssumeRole or GetFederationToken session, limiting it to what it allows too. */
  sessionPolicy?: string;
  /** The user's or root's IAM ARN, or the session's `arn:aws:sts::…:assumed-role/ROLE/SESSION`. */
  arn: string;
  /** The user's id, the account id for the root, or `ROLEID:SESSION` for a role session. */
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
