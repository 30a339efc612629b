import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CliError } from '../cli-error';
import { parseS3Url } from './s3-url';
import type { S3Session } from './s3-session';

/** Whether the CLI addresses the bucket in the path: a custom endpoint on an IP address or `localhost`. */
function pathStyle(endpoint: URL | undefined): boolean {
  return endpoint !== undefined && (endpoint.hostname === 'localhost' || /^[\d.]+$/.test(endpoint.hostname));
}

/**
 * `aws s3 presign s3://bucket/key [--expires-in 3600]`: a GET URL signed with SigV4 in the query, addressed as the
 * CLI addresses it (virtual-hosted on AWS, path-style on a local `--endpoint-url`), parameters in the CLI's order.
 */
export async function s3Presign(session: S3Session, [path]: string[], expiresIn: number): Promise<string | CliError> {
  const location = path === undefined ? undefined : parseS3Url(path);
  if (!location?.key)
    return { message: 'aws: error: the following arguments are required: path', exitCode: 252, withUsage: true };
  const { region, credentials } = session.config;
  const endpoint = session.options.endpointUrl ? new URL(session.options.endpointUrl) : undefined;
  const key = location.key.split('/').map(encodeURIComponent).join('/');
  const hostname = endpoint
    ? pathStyle(endpoint)
      ? endpoint.hostname
      : `${location.bucket}.${endpoint.hostname}`
    : `${location.bucket}.s3.${region}.amazonaws.com`;
  const port = endpoint?.port ? Number(endpoint.port) : undefined;
  const request = new HttpRequest({
    method: 'GET',
    protocol: endpoint?.protocol ?? 'https:',
    hostname,
    ...(port ? { port } : {}),
    path: pathStyle(endpoint) ? `/${location.bucket}/${key}` : `/${key}`,
    // S3 signs a query-authenticated request's payload as UNSIGNED-PAYLOAD, which botocore leaves out of the URL.
    headers: { host: port ? `${hostname}:${port}` : hostname, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  });
  const signer = new SignatureV4({
    service: 's3',
    region,
    credentials: credentials!,
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const unsigned = new Set(['x-amz-content-sha256']);
  const signed = await signer.presign(request, {
    expiresIn,
    unhoistableHeaders: unsigned,
    unsignableHeaders: unsigned,
  });
  const query = Object.entries(signed.query ?? {})
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `${signed.protocol}//${signed.headers.host}${signed.path}?${query}\n`;
}
