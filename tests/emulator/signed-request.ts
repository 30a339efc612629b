import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { sandboxRootKey } from '../../src/emulator/state';

/** A request to sign by hand, as a test wants it: what to send, and when and for which scope to sign it. */
export interface RequestToSign {
  method?: string;
  /** The full URL, query included. */
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** The signing name in the credential scope; from the host when not given (`s3` for anything under s3). */
  service?: string;
  region?: string;
  /** When the request says it was signed (`X-Amz-Date`); now by default. */
  date?: Date;
  keys?: { accessKeyId: string; secretAccessKey: string };
  /** S3 signs `x-amz-content-sha256`; other services sign the body's hash without sending it. */
  contentSha256?: boolean;
  /** Headers to add after signing, so the signature does not cover them. */
  addAfterSigning?: Record<string, string>;
  /** The body to send instead of the one signed, as a replay with a new body would. */
  sendBody?: string | Uint8Array;
  /** Presign instead: the signature goes in the query, valid for this many seconds. */
  presignSeconds?: number;
}

function serviceOf(host: string): string {
  return /(^|\.)s3[.-]/.test(host) || host.startsWith('s3.') ? 's3' : host.split('.')[0]!;
}

/** A `Request` signed with SigV4 by the Smithy signer the SDK uses, so it is exactly what a client would send. */
export async function signedRequest(spec: RequestToSign): Promise<Request> {
  const url = new URL(spec.url);
  const service = spec.service ?? serviceOf(url.hostname);
  const method = spec.method ?? 'GET';
  const signer = new SignatureV4({
    service,
    region: spec.region ?? (service === 'iam' ? 'us-east-1' : 'us-west-2'),
    credentials: spec.keys ?? sandboxRootKey,
    sha256: Sha256,
    uriEscapePath: service !== 's3',
    applyChecksum: spec.contentSha256 ?? service === 's3',
  });
  const query = Object.fromEntries(url.searchParams);
  const unsigned = {
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    path: url.pathname,
    query,
    headers: { host: url.host, ...spec.headers },
    body: spec.body,
  };
  const date = spec.date ?? new Date();
  const signed =
    spec.presignSeconds === undefined
      ? await signer.sign(unsigned, { signingDate: date })
      : await signer.presign(unsigned, { signingDate: date, expiresIn: spec.presignSeconds });
  const search = new URLSearchParams(signed.query as Record<string, string>).toString();
  const body = spec.sendBody ?? spec.body;
  return new Request(`${url.origin}${url.pathname}${search ? `?${search}` : ''}`, {
    method,
    headers: { ...signed.headers, ...spec.addAfterSigning },
    body: ['GET', 'HEAD'].includes(method.toUpperCase()) ? undefined : (body as BodyInit | undefined),
  });
}
