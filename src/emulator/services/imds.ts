import { base64ToBytes } from '../base64';
import { madeResponse } from '../made-response';
import { everyInstance, type Instance, type SandboxState } from '../state';
import { zoneIdOf } from '../regions';
import { credentialsDocument, infoDocument, instanceRoleOf, instanceSession } from './imds-credentials';

/**
 * The instance metadata service at 169.254.169.254, as each sandbox instance sees it. The browser terminal names
 * the instance it is "logged in" to with the `x-sandbox-instance-id` header; the Node endpoint serves it under
 * `/_sandbox/imds/<instance-id>/`. Without either, the newest running instance answers.
 */

/** How long IMDSv2 tokens may live, in seconds (AWS: 1 to 21600). */
const maxTokenSeconds = 21600;

interface Located {
  instance: Instance;
  accountId: string;
  region: string;
}

function text(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return madeResponse(body, { status, headers: { 'content-type': 'text/plain', server: 'EC2ws', ...headers } });
}

/** The page the metadata service answers a refusal with, as AWS's does: 400, 401, 404 or 405 and its reason. */
function errorPage(status: 400 | 401 | 404 | 405): Response {
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 405: 'Method Not Allowed' }[status];
  const title = `${status} - ${reason}`;
  return madeResponse(
    `<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
	"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>${title}</title>
 </head>
 <body>
  <h1>${title}</h1>
 </body>
</html>
`,
    { status, headers: { 'content-type': 'text/html', server: 'EC2ws' } },
  );
}

const notFound = () => errorPage(404);

/** A token naming its instance and expiry. Opaque to callers, like AWS's. */
function issueToken(instanceId: string, expires: number): string {
  return `AQAEA${btoa(`${instanceId}:${expires}`).replace(/=+$/, '')}`;
}

function tokenValid(token: string | null, instanceId: string, now: Date): boolean {
  if (!token?.startsWith('AQAEA')) return false;
  try {
    const [id, expires] = atob(token.slice(5)).split(':');
    return id === instanceId && Number(expires) * 1000 > now.getTime();
  } catch {
    return false;
  }
}

/** The identity document AWS signs for an instance (the signature itself is left out). */
export function identityDocument(located: Located): Record<string, unknown> {
  const { instance, accountId, region } = located;
  return {
    accountId,
    architecture: instance.architecture ?? 'x86_64',
    availabilityZone: instance.availabilityZone,
    billingProducts: null,
    devpayProductCodes: null,
    marketplaceProductCodes: null,
    imageId: instance.imageId,
    instanceId: instance.instanceId,
    instanceType: instance.instanceType,
    kernelId: null,
    pendingTime: instance.launchTime.replace(/\.\d{3}Z$/, 'Z'),
    privateIp: instance.privateIpAddress,
    ramdiskId: null,
    region,
    version: '2017-09-30',
  };
}

function listing(entries: string[]): Response {
  return text(entries.join('\n'));
}

/** Leaves whose values are worked out only when asked for, such as the role's credentials. */
type LazyLeaves = Record<string, () => string>;

/**
 * The instance's `iam/` leaves when its profile holds a role: `iam/info`, and the role's credentials when EC2 may
 * assume it. `onIssue` hears of a new session, which the sandbox then saves.
 */
function iamLeaves(state: SandboxState, located: Located, now: Date, onIssue: () => void): LazyLeaves {
  const account = state.accounts[located.accountId];
  const role = account && instanceRoleOf(account, located.instance);
  if (!account || !role) return {};
  const leaves: LazyLeaves = { 'iam/info': () => infoDocument(role, now) };
  if (role.assumable)
    leaves[`iam/security-credentials/${role.roleName}`] = () => {
      const { session, issued } = instanceSession(state, account, located.instance, role.roleName, now);
      if (issued) onIssue();
      return credentialsDocument(session, now);
    };
  return leaves;
}

/** The names of an instance's security groups, which `security-groups` lists (their ids are under the MAC). */
function groupNames(state: SandboxState, located: Located): string {
  const groups = state.accounts[located.accountId]?.regions[located.region]?.securityGroups ?? {};
  return located.instance.securityGroupIds.map((id) => groups[id]?.groupName ?? id).join('\n');
}

/** The metadata tree for one instance: leaf values and directory listings. */
function metadata(state: SandboxState, located: Located, path: string, lazy: LazyLeaves): Response {
  const { instance, accountId, region } = located;
  const publicHost = instance.publicIpAddress
    ? `ec2-${instance.publicIpAddress.replace(/\./g, '-')}.${region}.compute.amazonaws.com`
    : undefined;
  const localHost = `ip-${instance.privateIpAddress.replace(/\./g, '-')}.${region}.compute.internal`;
  const mac = instance.macAddress;
  const leaves: Record<string, string | undefined> = {
    'ami-id': instance.imageId,
    'ami-launch-index': String(instance.amiLaunchIndex),
    'ami-manifest-path': '(unknown)',
    'block-device-mapping/ami': '/dev/xvda',
    'block-device-mapping/root': '/dev/xvda',
    hostname: localHost,
    'instance-life-cycle': 'on-demand',
    'instance-id': instance.instanceId,
    'instance-type': instance.instanceType,
    'local-hostname': localHost,
    'local-ipv4': instance.privateIpAddress,
    mac,
    'public-hostname': publicHost,
    'public-ipv4': instance.publicIpAddress,
    'reservation-id': instance.reservationId,
    'security-groups': groupNames(state, located),
    'services/domain': 'amazonaws.com',
    'services/partition': 'aws',
    'placement/availability-zone': instance.availabilityZone,
    'placement/availability-zone-id': zoneIdOf(instance.availabilityZone),
    'placement/region': region,
    [`network/interfaces/macs/${mac}/device-number`]: '0',
    [`network/interfaces/macs/${mac}/interface-id`]: instance.networkInterfaceId,
    [`network/interfaces/macs/${mac}/local-ipv4s`]: instance.privateIpAddress,
    [`network/interfaces/macs/${mac}/mac`]: mac,
    [`network/interfaces/macs/${mac}/owner-id`]: accountId,
    [`network/interfaces/macs/${mac}/public-ipv4s`]: instance.publicIpAddress,
    [`network/interfaces/macs/${mac}/security-group-ids`]: instance.securityGroupIds.join('\n'),
    [`network/interfaces/macs/${mac}/subnet-id`]: instance.subnetId,
    [`network/interfaces/macs/${mac}/vpc-id`]: instance.vpcId,
  };
  const present = Object.entries(leaves).filter(([, value]) => value !== undefined);
  const clean = path.replace(/^\/+/, '');
  const leaf = present.find(([name]) => name === clean);
  if (leaf) return text(leaf[1]!);
  if (Object.hasOwn(lazy, clean)) return text(lazy[clean]!());
  const directory = clean === '' || clean.endsWith('/') ? clean : `${clean}/`;
  const children = new Set(
    [...present.map(([name]) => name), ...Object.keys(lazy)]
      .filter((name) => name.startsWith(directory))
      .map((name) => {
        const rest = name.slice(directory.length);
        const slash = rest.indexOf('/');
        return slash === -1 ? rest : rest.slice(0, slash + 1);
      }),
  );
  return children.size ? listing([...children].sort()) : notFound();
}

/**
 * Serves a request to the metadata service. It changes the state only to issue the instance's role a new session,
 * and says so (`changed`), so that the sandbox saves the credentials it handed out.
 */
export function serveInstanceMetadata(
  state: SandboxState,
  request: Request,
  url: URL,
  now: Date,
): { response: Response; changed: boolean } {
  let changed = false;
  const response = serveMetadataPath(state, request, url, now, () => {
    changed = true;
  });
  return { response, changed };
}

function serveMetadataPath(state: SandboxState, request: Request, url: URL, now: Date, onIssue: () => void): Response {
  let path = url.pathname;
  let instanceId = request.headers.get('x-sandbox-instance-id');
  const sandboxPath = /^\/_sandbox\/imds\/([^/]+)(\/.*)?$/.exec(path);
  if (sandboxPath) {
    instanceId = sandboxPath[1]!;
    path = sandboxPath[2] ?? '/';
  }
  const candidates = everyInstance(state).filter(({ instance }) => instance.state === 'running');
  const located = instanceId
    ? candidates.find(({ instance }) => instance.instanceId === instanceId)
    : candidates.sort((a, b) => b.instance.launchTime.localeCompare(a.instance.launchTime))[0];
  if (!located) {
    return text(
      instanceId
        ? `The sandbox has no running instance ${instanceId}; the metadata service answers only inside a running ` +
            `instance.`
        : 'The sandbox has no running instance; launch one, then ask its metadata service.',
      503,
    );
  }
  const method = request.method.toUpperCase();
  if (path === '/latest/api/token') {
    if (method !== 'PUT') return errorPage(405);
    const ttl = Number(request.headers.get('x-aws-ec2-metadata-token-ttl-seconds'));
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > maxTokenSeconds) return errorPage(400);
    const expires = Math.floor(now.getTime() / 1000) + ttl;
    return text(issueToken(located.instance.instanceId, expires), 200, {
      'x-aws-ec2-metadata-token-ttl-seconds': String(ttl),
    });
  }
  if (method !== 'GET' && method !== 'HEAD') return errorPage(405);
  const token = request.headers.get('x-aws-ec2-metadata-token');
  if (token !== null && !tokenValid(token, located.instance.instanceId, now)) return errorPage(401);
  if (token === null && located.instance.metadataHttpTokens === 'required') return errorPage(401);

  if (path === '/' || path === '/latest' || path === '/latest/') return listing(['dynamic', 'meta-data', 'user-data']);
  if (path === '/latest/user-data') {
    if (!located.instance.userData) return notFound();
    return madeResponse(base64ToBytes(located.instance.userData), {
      headers: { 'content-type': 'application/octet-stream', server: 'EC2ws' },
    });
  }
  if (path === '/latest/dynamic' || path === '/latest/dynamic/') return listing(['instance-identity/']);
  if (path === '/latest/dynamic/instance-identity' || path === '/latest/dynamic/instance-identity/')
    return listing(['document', 'pkcs7', 'signature']);
  if (path === '/latest/dynamic/instance-identity/document')
    return text(JSON.stringify(identityDocument(located), null, 2));
  const meta = /^\/latest\/meta-data(\/.*)?$/.exec(path);
  if (meta) return metadata(state, located, meta[1] ?? '/', iamLeaves(state, located, now, onIssue));
  return notFound();
}
