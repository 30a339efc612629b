import type { Credentials } from './resolve-config';

const base = 'http://169.254.169.254/latest';

/** An IMDSv2 session token, as the CLI asks for one before reading the metadata service; none when it cannot. */
async function sessionToken(metadata: typeof fetch): Promise<string | undefined> {
  const answer = await metadata(`${base}/api/token`, {
    method: 'PUT',
    headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' },
  }).catch(() => undefined);
  return answer?.ok ? answer.text() : undefined;
}

/** A metadata path's text with a token, or undefined when the service does not answer it. */
async function read(metadata: typeof fetch, token: string, path: string): Promise<string | undefined> {
  const answer = await metadata(`${base}/${path}`, { headers: { 'x-aws-ec2-metadata-token': token } }).catch(
    () => undefined,
  );
  return answer?.ok ? answer.text() : undefined;
}

/**
 * The instance role's credentials from the metadata service, the last link of the CLI's credential chain: the role
 * named under `iam/security-credentials/`, then its keys. Undefined when the instance has no role.
 */
export async function instanceRoleCredentials(metadata: typeof fetch): Promise<Credentials | undefined> {
  const token = await sessionToken(metadata);
  if (token === undefined) return undefined;
  const role = (await read(metadata, token, 'meta-data/iam/security-credentials/'))?.split('\n')[0];
  if (!role) return undefined;
  const document = await read(metadata, token, `meta-data/iam/security-credentials/${role}`);
  if (document === undefined) return undefined;
  const parsed = JSON.parse(document) as { AccessKeyId: string; SecretAccessKey: string; Token: string };
  return { accessKeyId: parsed.AccessKeyId, secretAccessKey: parsed.SecretAccessKey, sessionToken: parsed.Token };
}

/** The instance's region from the metadata service, which CLI v2 uses when nothing else names one. */
export async function instanceRegion(metadata: typeof fetch): Promise<string | undefined> {
  const token = await sessionToken(metadata);
  return token === undefined ? undefined : read(metadata, token, 'meta-data/placement/region');
}
