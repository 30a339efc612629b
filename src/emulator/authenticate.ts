import { AwsError } from './aws-error';
import type { Caller } from './context';
import type { ServiceEndpoint } from './endpoint';
import { assumedRoleArn, federatedUserArn, iamRoleArn, iamUserArn, rootArn, userOf } from './principals';
import { checkPayload, declaredPayloadHash, type Payload } from './signed-payload';
import {
  formatAmzDate,
  hmacHex,
  parseAmzDate,
  type readSignature,
  type SignedRequestInfo,
  sha256Hex,
  signingKey,
  timingSafeEqual,
  verifySignature,
} from './sigv4';
import { rolesOf, type AccessKeyRecord, type SandboxState, type TemporarySession } from './state';
import { checkSessionToken, findSession } from './temporary-credentials';
import { awsTimestamp } from '../lib/aws-timestamp';

/** Who a request is from, and its body as its signature vouches for it. */
export interface Authenticated {
  /** null for an anonymous request (S3 only). */
  caller: Caller | null;
  payload: Payload;
}

/** How far a request's `X-Amz-Date` may be from the sandbox's clock, as on AWS: 15 minutes either way. */
export const maxClockSkewMs = 15 * 60 * 1000;

/** What the clock check found wrong: the request is dated too long ago, or too far ahead. */
interface ClockProblem {
  kind: 'expired' | 'not-yet-current';
  amzDate: string;
  now: Date;
}

/** The error each service gives for a request dated outside the skew window; the query and JSON wording by default. */
const clockErrors = new Map<string, (problem: ClockProblem, endpoint: ServiceEndpoint) => AwsError>([
  [
    's3',
    ({ amzDate, now }) =>
      new AwsError(
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
        403,
        {
          RequestTime: amzDate,
          ServerTime: awsTimestamp(now),
          MaxAllowedSkewMilliseconds: String(maxClockSkewMs),
        },
      ),
  ],
  [
    'ec2',
    () =>
      new AwsError(
        'RequestExpired',
        'Request has expired. The request is dated more than 15 minutes from the time it reached the service.',
        400,
      ),
  ],
]);

function signatureTimeError({ kind, amzDate, now }: ClockProblem, endpoint: ServiceEndpoint): AwsError {
  const { code, status } = endpoint.auth.badSignature;
  const message =
    kind === 'expired'
      ? `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now.getTime() - maxClockSkewMs))} ` +
        `(${formatAmzDate(now)} - 15 min.)`
      : `Signature not yet current: ${amzDate} is still later than ` +
        `${formatAmzDate(new Date(now.getTime() + maxClockSkewMs))} (${formatAmzDate(now)} + 15 min.)`;
  return new AwsError(code, message, status);
}

function clockError(problem: ClockProblem, endpoint: ServiceEndpoint): AwsError {
  return (clockErrors.get(endpoint.signingName) ?? signatureTimeError)(problem, endpoint);
}

type Signature = Exclude<ReturnType<typeof readSignature>, null>;
type ValidSignature = Exclude<Signature, { problem: string }>;

/**
 * A signature is good only near the time it names: a header's `X-Amz-Date` within 15 minutes of the clock, and a
 * presigned URL from its `X-Amz-Date` (give or take the same skew) until `X-Amz-Expires` seconds after it.
 */
function checkClock(signature: ValidSignature, endpoint: ServiceEndpoint, now: Date): void {
  const signedAt = parseAmzDate(signature.amzDate);
  const facts = { amzDate: signature.amzDate, now };
  if (signedAt.getTime() > now.getTime() + maxClockSkewMs) {
    if (signature.presigned && endpoint.signingName === 's3')
      throw presignError('Request is not yet valid', signature, now);
    throw clockError({ kind: 'not-yet-current', ...facts }, endpoint);
  }
  if (!signature.presigned) {
    if (signedAt.getTime() < now.getTime() - maxClockSkewMs) throw clockError({ kind: 'expired', ...facts }, endpoint);
    return;
  }
  const expiresAt = signedAt.getTime() + (signature.expiresSeconds ?? 0) * 1000;
  if (now.getTime() <= expiresAt) return;
  if (endpoint.signingName === 's3') throw presignError('Request has expired', signature, now);
  throw clockError({ kind: 'expired', ...facts }, endpoint);
}

function presignError(message: string, signature: ValidSignature, now: Date): AwsError {
  const expiresAt = new Date(parseAmzDate(signature.amzDate).getTime() + (signature.expiresSeconds ?? 0) * 1000);
  return new AwsError('AccessDenied', message, 403, {
    'X-Amz-Expires': String(signature.expiresSeconds),
    Expires: awsTimestamp(expiresAt),
    ServerTime: awsTimestamp(now),
  });
}

/**
 * S3 refuses a request carrying an `x-amz-*` header its signature does not cover, since it would act on a value
 * nobody signed. (`x-amz-content-sha256` is the exception: the payload hash is part of the signed request anyway.)
 */
function checkHeadersSigned(request: Request, signature: ValidSignature): void {
  const unsigned: string[] = [];
  request.headers.forEach((_, name) => {
    if (name.startsWith('x-amz-') && name !== 'x-amz-content-sha256' && !signature.signedHeaders.includes(name))
      unsigned.push(name);
  });
  if (unsigned.length)
    throw new AwsError('AccessDenied', 'There were headers present in the request which were not signed', 403, {
      HeadersNotSigned: unsigned.join(', '),
    });
}

/** Who holds a key: the root or a user (its own long-term key, or a GetSessionToken session of it). */
function callerOf(key: Pick<AccessKeyRecord, 'accessKeyId' | 'accountId' | 'userName'>, state: SandboxState): Caller {
  const user = userOf(state, key);
  return {
    accountId: key.accountId,
    accessKeyId: key.accessKeyId,
    userName: key.userName,
    arn:
      key.userName === null
        ? rootArn(key.accountId)
        : iamUserArn(key.accountId, { path: user?.path ?? '/', userName: key.userName }),
    userId: key.userName === null ? key.accountId : (user?.userId ?? key.accessKeyId),
  };
}

/** A GetFederationToken session: the federated user, acting within its session policy. */
function federatedCaller(session: TemporarySession, federatedUser: { name: string }): Caller {
  return {
    accountId: session.accountId,
    accessKeyId: session.accessKeyId,
    userName: session.userName,
    federatedUser,
    sessionPolicy: session.sessionPolicy,
    arn: federatedUserArn(session.accountId, federatedUser.name),
    userId: `${session.accountId}:${federatedUser.name}`,
  };
}

/** Who a session's credentials act as: the role's session (AssumeRole), or the user or root that asked for it. */
function callerOfSession(session: TemporarySession, state: SandboxState): Caller {
  if (session.federatedUser) return federatedCaller(session, session.federatedUser);
  if (!session.role) return callerOf(session, state);
  const { roleName, roleId, sessionName } = session.role;
  const role = state.accounts[session.accountId] && rolesOf(state.accounts[session.accountId]!)[roleName];
  return {
    accountId: session.accountId,
    accessKeyId: session.accessKeyId,
    userName: null,
    roleSession: {
      roleName,
      roleArn: iamRoleArn(session.accountId, role ?? { path: '/', roleName }),
      sessionName,
    },
    sessionPolicy: session.sessionPolicy,
    arn: assumedRoleArn(session.accountId, roleName, sessionName),
    userId: `${roleId}:${sessionName}`,
  };
}

/** Tokens a service refuses its own way when they are not the one issued; an unknown key's error otherwise. */
const invalidTokenErrors: Record<string, () => AwsError> = {
  s3: () => new AwsError('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400),
};

/**
 * The secret that signed a request and who holds it: an active access key, or an unexpired STS session whose token
 * the request carries. The service's own error otherwise.
 */
function signingCredentials(
  state: SandboxState,
  signature: ValidSignature,
  endpoint: ServiceEndpoint,
  now: Date,
): { secret: string; caller: () => Caller; key?: AccessKeyRecord } {
  const unknownKey = () =>
    authError(endpoint.auth.unknownKey, endpoint.signingName === 's3' ? { AWSAccessKeyId: signature.accessKeyId } : {});
  const session = findSession(state, signature.accessKeyId);
  if (session) {
    const invalidToken =
      signature.sessionToken === undefined ? unknownKey : (invalidTokenErrors[endpoint.signingName] ?? unknownKey);
    checkSessionToken(session, signature, endpoint.signingName, now, invalidToken);
    return { secret: session.secretAccessKey, caller: () => callerOfSession(session, state) };
  }
  const key = Object.hasOwn(state.accessKeys, signature.accessKeyId)
    ? state.accessKeys[signature.accessKeyId]
    : undefined;
  if (key?.status !== 'Active') throw unknownKey();
  return { secret: key.secretAccessKey, caller: () => callerOf(key, state), key };
}

function authError(shape: { code: string; status: number; message: string }, details: Record<string, string> = {}) {
  return new AwsError(shape.code, shape.message, shape.status, details);
}

/**
 * The caller a request's signature proves and the body it vouches for, or a null caller for an anonymous request.
 * Throws the service's own errors: a missing, malformed or wrong signature, an unknown key, a request dated outside
 * the clock's window, a body that is not the one signed, an `x-amz-*` header left out of an S3 signature.
 */
export async function authenticate(
  state: SandboxState,
  request: Request,
  url: URL,
  body: Uint8Array,
  signature: ReturnType<typeof readSignature>,
  endpoint: ServiceEndpoint,
  now: Date,
): Promise<Authenticated> {
  const s3 = endpoint.signingName === 's3';
  const badSignature = (details: Record<string, string> = {}) => authError(endpoint.auth.badSignature, details);
  if (signature === null) {
    if (!s3 && !endpoint.takesUnsigned?.(url, body)) throw authError(endpoint.auth.missing);
    return { caller: null, payload: await checkPayload({ request, body, s3, badSignature }, null) };
  }
  if ('problem' in signature)
    throw new AwsError(
      signature.code ?? endpoint.auth.malformed.code,
      signature.problem,
      endpoint.auth.malformed.status,
    );
  const keyDetails: Record<string, string> = s3 ? { AWSAccessKeyId: signature.accessKeyId } : {};
  const credentials = signingCredentials(state, signature, endpoint, now);
  checkClock(signature, endpoint, now);
  if (s3 && !signature.presigned && !request.headers.has('x-amz-content-sha256'))
    throw new AwsError('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256', 400);
  const declared = declaredPayloadHash(request, signature);
  const payloadHash = declared ?? (await sha256Hex(body));
  if (!(await verifySignature(request, url, body.byteLength, signature, credentials.secret, payloadHash)))
    throw badSignature(keyDetails);
  if (s3) checkHeadersSigned(request, signature);
  const signed = { info: signature, secret: credentials.secret };
  const payload = await checkPayload(
    { request, body, signed, s3, badSignature: () => badSignature(keyDetails) },
    declared,
  );
  if (credentials.key)
    credentials.key.lastUsed = { date: now.toISOString(), service: endpoint.signingName, region: signature.region };
  return { caller: credentials.caller(), payload };
}

/**
 * The caller behind a browser form upload (S3's POST Object), whose SigV4 signature covers the form's base64 policy
 * document rather than the request: the key (or STS session, with its token) must be known and active, and
 * `signature.signature` the policy's signature with its secret.
 */
export async function authenticatePolicy(
  state: SandboxState,
  signature: SignedRequestInfo,
  policy: string,
  endpoint: ServiceEndpoint,
  now: Date,
): Promise<Caller> {
  const credentials = signingCredentials(state, signature, endpoint, now);
  const key = await signingKey(credentials.secret, signature.scopeDate, signature.region, signature.service);
  if (!timingSafeEqual(await hmacHex(key, policy), signature.signature))
    throw authError(endpoint.auth.badSignature, { AWSAccessKeyId: signature.accessKeyId });
  if (credentials.key)
    credentials.key.lastUsed = { date: now.toISOString(), service: endpoint.signingName, region: signature.region };
  return credentials.caller();
}
