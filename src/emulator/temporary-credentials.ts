/**
 * STS's temporary credentials: an `ASIA…` access key id, its secret, and the session token every request signed
 * with them must carry. They are kept in the state until they expire, so a saved sandbox keeps them across reloads,
 * and each request signed with them is checked here: the token must be the one issued, and the session unexpired.
 */
import { AwsError } from './aws-error';
import type { SignedRequestInfo } from './sigv4';
import { sessionsOf, type SandboxState, type TemporarySession } from './state';

const keyAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secretAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomFrom(alphabet: string, length: number): string {
  return [...crypto.getRandomValues(new Uint8Array(length))].map((b) => alphabet[b % alphabet.length]).join('');
}

/** New temporary credentials: a 20-character `ASIA…` id, a 40-character secret and an opaque session token. */
export function newSessionCredentials(): Pick<TemporarySession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'> {
  return {
    accessKeyId: `ASIA${randomFrom(keyAlphabet, 16)}`,
    secretAccessKey: randomFrom(secretAlphabet, 40),
    // Real tokens are long opaque base64; a learner's tools must carry them whole, so these are long too.
    sessionToken: `IQoJb3JpZ2luX2VjE${randomFrom(secretAlphabet, 300)}`,
  };
}

/** Keeps a new session, and forgets the ones that have expired (nothing can use them any more). */
export function storeSession(state: SandboxState, session: TemporarySession, now: Date): void {
  const sessions = sessionsOf(state);
  for (const [id, old] of Object.entries(sessions))
    if (Date.parse(old.expiration) <= now.getTime()) delete sessions[id];
  sessions[session.accessKeyId] = session;
}

/** The session an access key id names, if it is one of STS's. */
export function findSession(state: SandboxState, accessKeyId: string): TemporarySession | undefined {
  const sessions = state.sessions;
  return sessions && Object.hasOwn(sessions, accessKeyId) ? sessions[accessKeyId] : undefined;
}

/** How a service refuses an expired session token; the query wording (IAM, STS, CloudFormation) by default. */
const expiredTokenErrors: Record<string, () => AwsError> = {
  ec2: () => new AwsError('RequestExpired', 'Request has expired.', 400),
  s3: () => new AwsError('ExpiredToken', 'The provided token has expired.', 400),
  rekognition: () =>
    new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400),
  ssm: () => new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400),
};

const expiredToken = () => new AwsError('ExpiredToken', 'The security token included in the request is expired', 403);

/**
 * Checks the session token a request signed with temporary credentials carries: `invalidToken` (the service's own
 * error for an unknown key) when it is missing or not the one issued, the service's expired-token error once the
 * session has ended. Never names the token or the secret.
 */
export function checkSessionToken(
  session: TemporarySession,
  signature: SignedRequestInfo,
  signingName: string,
  now: Date,
  invalidToken: () => AwsError,
): void {
  if (signature.sessionToken !== session.sessionToken) throw invalidToken();
  if (Date.parse(session.expiration) <= now.getTime()) throw (expiredTokenErrors[signingName] ?? expiredToken)();
}
