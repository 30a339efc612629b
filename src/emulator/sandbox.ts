import { AwsError, isAwsError } from './aws-error';
import { authenticate } from './authenticate';
import { authorizeCaller } from './authorize';
import type { ServiceContext } from './context';
import type { ServiceEndpoint, ServiceRequest } from './endpoint';
import { requestId as newRequestId } from './ids';
import { userOf } from './principals';
import { isSandboxRegion } from './regions';
import { globalConditionKeys, type RequestOrigin } from './request-context';
import { cloudFormationEndpoint } from './services/cloudformation';
import { ec2Endpoint } from './services/ec2';
import { iamEndpoint } from './services/iam';
import { serveInstanceMetadata } from './services/imds';
import { rekognitionEndpoint } from './services/rekognition';
import { s3Endpoint } from './services/s3';
import { ssmEndpoint } from './services/ssm';
import { stsEndpoint } from './services/sts';
import { renderJsonError } from './protocols/json';
import { addHeaderIfAbsent } from './made-response';
import { readSignature, type SignedRequestInfo } from './sigv4';
import { createSandboxState, emptyAccount, type SandboxState } from './state';
import { awsRegions } from '../lib/aws-regions';
import { errorMessage } from '../lib/error-message';

/** Every service the sandbox speaks, by SigV4 signing name. */
const endpoints = new Map<string, ServiceEndpoint>(
  [ec2Endpoint, iamEndpoint, stsEndpoint, s3Endpoint, rekognitionEndpoint, ssmEndpoint, cloudFormationEndpoint].map(
    (e) => [e.signingName, e],
  ),
);

/** JSON services name themselves in `X-Amz-Target`. */
const targetPrefixes = new Map([
  ['RekognitionService', 'rekognition'],
  ['AmazonSSM', 'ssm'],
]);

/** The largest body the sandbox reads (S3's single PUT limit is 5 GB; a course photo is a few MB). */
export const maxBodyBytes = 32 * 1024 * 1024;

/**
 * The service a request is for, and the S3 bucket its host names, read from its host, target and signature; an
 * unsigned request to a bare endpoint goes to the service that takes it unsigned (`body`), else to S3.
 */
export function routeRequest(
  request: Request,
  url: URL,
  signature: SignedRequestInfo | null,
  body: Uint8Array = new Uint8Array(),
): { service: string; region: string | null; hostBucket?: string } {
  const host = url.hostname.toLowerCase();
  const target = request.headers.get('x-amz-target')?.split('.')[0];
  const fromTarget = target ? targetPrefixes.get(target) : undefined;
  const virtualS3 =
    /^(.+)\.s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com$/.exec(host) ??
    /^(.+)\.s3\.localhost$/.exec(host) ??
    /^(.+)\.localhost$/.exec(host);
  const pathS3 = /^s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com$/.exec(host);
  const awsHost = /^([a-z0-9-]+)(?:\.([a-z0-9-]+))?\.amazonaws\.com$/.exec(host);
  const hostRegion = (region: string | undefined) => (region && region !== 'dualstack' ? region : null);
  if (virtualS3)
    return { service: 's3', region: signature?.region ?? hostRegion(virtualS3[2]), hostBucket: virtualS3[1] };
  if (pathS3) return { service: 's3', region: signature?.region ?? hostRegion(pathS3[1]) };
  // Only a form body can carry a query action; an anonymous S3 upload's bytes are not read as one.
  const form = request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded') ? body : undefined;
  const unsigned = () =>
    [...endpoints.values()].find((e) => e.takesUnsigned?.(url, form ?? new Uint8Array()))?.signingName;
  const service = signature?.service ?? fromTarget ?? (awsHost ? awsHost[1]! : (unsigned() ?? 's3'));
  return { service, region: signature?.region ?? (awsHost ? hostRegion(awsHost[2]) : null) };
}

/** Options for a sandbox: its starting state and its clock. */
export interface SandboxOptions {
  state?: SandboxState;
  /** The sandbox's clock; tests pass a fixed one to exercise presigned-URL expiry. */
  now?: () => Date;
}

/**
 * Told of every change to the state. A listener that returns a promise holds back the answer to the request that
 * made the change until the promise settles, so a host can acknowledge a write only once it is durable (a file on
 * disk, IndexedDB); a rejected promise turns that answer into the service's InternalError.
 */
export type SandboxListener = (state: SandboxState) => void | Promise<void>;

/** A running sandbox: the state, the one `handle` every wrapper calls, and change notification for saving. */
export interface Sandbox {
  readonly state: SandboxState;
  /**
   * Answers one request; `origin` says where it came from, when the wrapper knows (the Node endpoint does). A request
   * that changes the state is answered after every listener's promise settled.
   */
  handle(request: Request, origin?: RequestOrigin): Promise<Response>;
  /** Replaces the whole state (after loading a saved one); resolves once every listener's promise settled. */
  replaceState(state: SandboxState): Promise<void>;
  /** Back to a fresh sandbox; resolves once every listener's promise settled. */
  reset(): Promise<void>;
  /**
   * Changes the state from outside a request (what a learner did on an instance's disk) and saves it as a request's
   * change is saved: resolves once every listener's promise settled.
   */
  update(mutate: (state: SandboxState) => void): Promise<void>;
  /** Calls `listener` after every change. Returns the unsubscribe function. */
  subscribe(listener: SandboxListener): () => void;
}

/** A new sandbox AWS account, answering AWS's wire protocols through {@link Sandbox.handle}. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const now = options.now ?? (() => new Date());
  let state = options.state ?? createSandboxState(now());
  const listeners = new Set<SandboxListener>();
  const notify = async () => {
    await Promise.all([...listeners].map((listener) => listener(state)));
  };
  return {
    get state() {
      return state;
    },
    async handle(request, origin) {
      const at = now();
      const { response } = await handleRequest(state, request, at, origin, notify);
      // AWS dates every answer; SDKs correct their clock skew from it, so it is the sandbox's clock, not the host's.
      addHeaderIfAbsent(response, 'date', () => at.toUTCString());
      return response;
    },
    replaceState(next) {
      state = next;
      return notify();
    },
    reset() {
      state = createSandboxState(now());
      return notify();
    },
    update(mutate) {
      mutate(state);
      return notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The answer to a body past {@link maxBodyBytes}: S3's EntityTooLarge (400), as S3 documents it; 413 elsewhere. */
function bodyTooLarge(endpoint: ServiceEndpoint): AwsError {
  return endpoint.signingName === 's3'
    ? new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
        MaxSizeAllowed: String(maxBodyBytes),
      })
    : new AwsError('RequestEntityTooLarge', `Request bodies are limited to ${maxBodyBytes} bytes.`, 413);
}

/**
 * Answers a request that a wrapper refuses before the sandbox reads it (a foreign page, a body past the limit, a
 * target or method no AWS service takes), in the error shape of the service the request is for.
 */
export function refuseRequest(request: Request, refusal: AwsError | 'body-too-large'): Response {
  const url = new URL(request.url);
  const signature = readSignature(request, url);
  const route = routeRequest(request, url, signature && 'problem' in signature ? null : signature);
  const endpoint = endpoints.get(route.service) ?? s3Endpoint;
  const error = refusal === 'body-too-large' ? bodyTooLarge(endpoint) : refusal;
  const input = { request, url, body: new Uint8Array(), hostBucket: route.hostBucket, regionKnown: false };
  return endpoint.renderError(error, newRequestId(), input);
}

/**
 * AWS's answer to a request for a region the sandbox does not serve. A region AWS has is one this account has not
 * enabled (an opt-in region, another partition's), where its keys are unknown; any other name is no region at all, and
 * the request's signature is scoped to nothing valid.
 */
function unservedRegion(endpoint: ServiceEndpoint, region: string): AwsError {
  if (awsRegions.includes(region)) {
    const { code, message, status } = endpoint.auth.unknownKey;
    return new AwsError(code, message, status);
  }
  const { code, status } = endpoint.auth.badSignature;
  return new AwsError(code, `Credential should be scoped to a valid region, not '${region}'.`, status);
}

/** AWS's answer when something went wrong on its side. */
function internalError(): AwsError {
  return new AwsError('InternalError', 'We encountered an internal error. Please try again.', 500);
}

/**
 * The request's body, or why the sandbox will not use it: past {@link maxBodyBytes}, or cut short (the stream
 * failed, or it ended before its `Content-Length`). A cut-short body is never taken for an empty one, since an
 * aborted upload would then be stored as an empty object. A request without a body has no length to check; `body`
 * is asked only then, or past the limit, since a host's request may have to make a stream to answer it.
 */
async function readBody(request: Request): Promise<Uint8Array | 'too-large' | 'incomplete'> {
  const declared = request.headers.get('content-length');
  if (Number(declared ?? '0') > maxBodyBytes && request.body !== null) return 'too-large';
  const bytes = await request.arrayBuffer().then(
    (buffer) => new Uint8Array(buffer),
    () => 'incomplete' as const,
  );
  if (bytes === 'incomplete' || (bytes.byteLength === 0 && request.body === null)) return bytes;
  if (bytes.byteLength > maxBodyBytes) return 'too-large';
  return declared !== null && bytes.byteLength < Number(declared) ? 'incomplete' : bytes;
}

/** AWS's answer to a body shorter than its `Content-Length` (S3's wording; the other services say the same). */
function incompleteBody(): AwsError {
  return new AwsError(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header.',
    400,
  );
}

/**
 * The sandbox's core: one AWS request in, one AWS response out. Pure apart from the state it is given, which it
 * changes as AWS would, and `afterChange`, awaited after a change and before the answer (the host's save). Never
 * throws: every failure, a failed `afterChange` too, is an AWS-shaped error response.
 */
export async function handleRequest(
  state: SandboxState,
  request: Request,
  now: Date,
  origin: RequestOrigin = {},
  afterChange: () => Promise<void> = async () => {},
): Promise<{ response: Response; changed: boolean }> {
  const requestId = newRequestId();
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { response: new Response('Bad request URL', { status: 400 }), changed: false };
  }
  if (url.hostname === '169.254.169.254' || url.pathname.startsWith('/_sandbox/imds/')) {
    const served = serveInstanceMetadata(state, request, url, now);
    const saved =
      !served.changed ||
      (await afterChange().then(
        () => true,
        () => false,
      ));
    return { response: saved ? served.response : new Response('', { status: 500 }), changed: served.changed };
  }
  const signature = readSignature(request, url);
  const body = await readBody(request);
  const route = routeRequest(
    request,
    url,
    signature && 'problem' in signature ? null : signature,
    typeof body === 'string' ? undefined : body,
  );
  const endpoint = endpoints.get(route.service);
  if (!endpoint) {
    const message =
      `The sandbox does not emulate the service '${route.service}'. It speaks ` +
      `${[...endpoints.keys()].join(', ')}.`;
    return {
      response: renderJsonError(new AwsError('UnknownOperationException', message, 400), requestId),
      changed: false,
    };
  }
  const input: ServiceRequest = {
    request,
    url,
    body: typeof body === 'string' ? new Uint8Array() : body,
    hostBucket: route.hostBucket,
    regionKnown: route.region !== null,
  };
  const mutating = !endpoint.isReadOnly(input);
  try {
    if (body === 'too-large') throw bodyTooLarge(endpoint);
    if (body === 'incomplete') throw incompleteBody();
    const region = endpoint.global ? 'us-east-1' : (route.region ?? 'us-east-1');
    if (!isSandboxRegion(region)) throw unservedRegion(endpoint, region);
    const { caller, payload } = await authenticate(state, request, url, input.body, signature, endpoint, now);
    input.body = payload.bytes;
    input.trailers = payload.trailers;
    const accountId =
      caller?.accountId ?? state.buckets[route.hostBucket ?? '']?.accountId ?? Object.keys(state.accounts)[0]!;
    state.accounts[accountId] ??= emptyAccount(accountId);
    const account = state.accounts[accountId]!;
    const conditionKeys = globalConditionKeys({ caller, user: userOf(state, caller), url, region, now, origin });
    const ctx: ServiceContext = {
      state,
      account,
      region,
      caller,
      now,
      requestId,
      mutating,
      conditionKeys,
      authorize(action, resources = '*') {
        if (caller) authorizeCaller(endpoint.signingName, account, caller, action, resources, conditionKeys);
      },
    };
    const response = await endpoint.serve(input, ctx);
    const changed = response.ok && mutating;
    const unsaved = changed
      ? await afterChange().then(
          () => null,
          (error: unknown) => ({ error }),
        )
      : null;
    if (unsaved === null) return { response, changed };
    console.error('sandbox: a change could not be saved, so it was not acknowledged', errorMessage(unsaved.error));
    return { response: endpoint.renderError(internalError(), requestId, input), changed };
  } catch (error) {
    const awsError = isAwsError(error) ? error : internalError();
    if (!isAwsError(error)) console.error('sandbox: unexpected error', errorMessage(error));
    return { response: endpoint.renderError(awsError, requestId, input), changed: false };
  }
}
