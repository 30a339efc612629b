import type { AwsError } from './aws-error';
import type { ServiceContext } from './context';
import { readQueryParams, renderQueryError, serveQuery, type QueryService } from './protocols/query';

/** A request as the core hands it to a service: the original, its parsed URL and its body's bytes. */
export interface ServiceRequest {
  request: Request;
  url: URL;
  /** The body's bytes; for an aws-chunked upload, the bytes its chunks carry. */
  body: Uint8Array;
  /** Headers an aws-chunked upload sent after its body (`x-amz-checksum-crc32`, ...), by lower-case name. */
  trailers?: Record<string, string>;
  /** For S3: the bucket named by the host (virtual-hosted style), if any. */
  hostBucket?: string;
  /** False when neither a signature nor the host name said which region the request is for. */
  regionKnown: boolean;
}

/** The words a service uses when it cannot authenticate a caller. */
export interface AuthDialect {
  missing: { code: string; status: number; message: string };
  unknownKey: { code: string; status: number; message: string };
  badSignature: { code: string; status: number; message: string };
  malformed: { code: string; status: number };
}

/** One AWS service as the core sees it: how to serve a request, and how to word an error. */
export interface ServiceEndpoint {
  /** The name in SigV4 credential scopes (`ec2`, `iam`, `s3`, ...). */
  signingName: string;
  /** Global services sign with `us-east-1` whatever region the caller uses. */
  global?: boolean;
  auth: AuthDialect;
  serve(input: ServiceRequest, ctx: ServiceContext): Promise<Response>;
  renderError(error: AwsError, requestId: string, input: ServiceRequest): Response;
  /** True when the request only reads, so the sandbox need not save its state afterwards. */
  isReadOnly(input: ServiceRequest): boolean;
  /**
   * True for a request this service takes without a signature (STS's AssumeRoleWithWebIdentity and
   * AssumeRoleWithSAML, whose token is the proof); the sandbox routes such a request here even from a bare endpoint.
   */
  takesUnsigned?(url: URL, body: Uint8Array): boolean;
}

const signatureMismatch =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key ' +
  'and signing method. Consult the service documentation for details.';

/** How query-protocol services (EC2, IAM, STS, CloudFormation) refuse unauthenticated callers. */
export const queryAuthDialect: AuthDialect = {
  missing: { code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' },
  unknownKey: {
    code: 'InvalidClientTokenId',
    status: 403,
    message: 'The security token included in the request is invalid.',
  },
  badSignature: { code: 'SignatureDoesNotMatch', status: 403, message: signatureMismatch },
  malformed: { code: 'IncompleteSignature', status: 400 },
};

/** EC2 words an unknown key its own way. */
export const ec2AuthDialect: AuthDialect = {
  ...queryAuthDialect,
  unknownKey: {
    code: 'AuthFailure',
    status: 401,
    message: 'AWS was not able to validate the provided access credentials',
  },
};

/** JSON-protocol services (Rekognition, SSM). */
export const jsonAuthDialect: AuthDialect = {
  missing: { code: 'MissingAuthenticationTokenException', status: 400, message: 'Missing Authentication Token' },
  unknownKey: {
    code: 'UnrecognizedClientException',
    status: 400,
    message: 'The security token included in the request is invalid.',
  },
  badSignature: { code: 'InvalidSignatureException', status: 400, message: signatureMismatch },
  malformed: { code: 'IncompleteSignatureException', status: 400 },
};

const decoder = new TextDecoder();
const readOnlyAction = /^(Describe|List|Get)/;

/** A query-protocol service as an endpoint: parameters from the URL and form body, XML out. */
export function queryEndpoint(
  service: QueryService,
  options: { global?: boolean; auth?: AuthDialect; unsignedActions?: readonly string[] } = {},
): ServiceEndpoint {
  const actionOf = (url: URL, body: Uint8Array) => {
    const form = new URLSearchParams(decoder.decode(body));
    const read = (name: string) => url.searchParams.get(name) ?? form.get(name) ?? '';
    return { action: read('Action'), version: read('Version') };
  };
  return {
    signingName: service.signingName,
    global: options.global,
    auth: options.auth ?? queryAuthDialect,
    serve({ request, url, body }, ctx) {
      const params = readQueryParams(url, decoder.decode(body), request.headers.get('content-type'), service.dialect);
      return serveQuery(service, params, ctx);
    },
    renderError: (error, requestId) => renderQueryError(service.dialect, error, requestId),
    isReadOnly({ url, body }) {
      const { action } = actionOf(url, body);
      const operation = Object.hasOwn(service.operations, action) ? service.operations[action] : undefined;
      return readOnlyAction.test(action) && !operation?.changesState;
    },
    takesUnsigned: options.unsignedActions
      ? (url, body) => {
          const { action, version } = actionOf(url, body);
          return version === service.dialect.version && (options.unsignedActions ?? []).includes(action);
        }
      : undefined,
  };
}
