import { cloudFormationService } from '../../src/emulator/services/cloudformation';
import { ec2Service } from '../../src/emulator/services/ec2';
import { iamService } from '../../src/emulator/services/iam';
import { sandboxRootKey } from '../../src/emulator/state';
import { signedRequest } from './signed-request';

/**
 * Seeded random requests for the sandbox: malformed, hostile and ordinary ones, most of them validly signed AFTER
 * their parameters were mutated, so they get past authentication and reach the services. Shared by the robustness
 * test and the `emulator-fuzz` benchmark.
 */

/** A small seeded generator, so a failure replays exactly. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

/** The generator {@link random} returns. */
export type Random = ReturnType<typeof random>;

/** Names that are members of `Object.prototype`, for every position a user names something. */
const prototypeNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

const nasty = [
  '',
  ' ',
  '-1',
  '0',
  '99999999999999999999',
  'NaN',
  'true',
  'null',
  '{}',
  '[]',
  '<x>',
  ']]>',
  '\u0000',
  '😀',
  '../../etc/passwd',
  'a'.repeat(70_000),
  '%ZZ',
  '10.0.0.0/8',
  '10.1.0.0/16',
  '0.0.0.0/0',
  'vpc-',
  'vpc-0123456789abcdef0',
  'i-zzz',
  'ami-0123456789abcdef0',
  'us-west-2a',
  'edXProjectUser',
  '{"Version":"2012-10-17","Statement":[]}',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}',
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
  ...prototypeNames,
];

const paramNames = [
  'VpcId',
  'VpcId.1',
  'SubnetId',
  'CidrBlock',
  'Filter.1.Name',
  'Filter.1.Value.1',
  'MaxResults',
  'NextToken',
  'InstanceId.1',
  'ImageId',
  'MinCount',
  'MaxCount',
  'InstanceType',
  'GroupId',
  'GroupName',
  'IpPermissions.1.IpProtocol',
  'IpPermissions.1.FromPort',
  'IpPermissions.1.IpRanges.1.CidrIp',
  'KeyName',
  'PublicKeyMaterial',
  'TagSpecification.1.ResourceType',
  'TagSpecification.1.Tag.1.Key',
  'UserName',
  'PolicyName',
  'PolicyDocument',
  'PolicyArn',
  'AccessKeyId',
  'Status',
  'Password',
  'MaxItems',
  'Marker',
  'VersionId',
  'Scope',
  'ResourceId.1',
  'Tag.1.Key',
  'Tag.1.Value',
  'Attribute',
  'DestinationCidrBlock',
  'GatewayId',
  'RouteTableId',
  'InternetGatewayId',
  'StackName',
  'TemplateBody',
  'Parameters.member.1.ParameterKey',
  'Parameters.member.1.ParameterValue',
];

/** Requests that succeed and build state the others then act on, each with a prototype name somewhere. */
const valid = [
  ['ec2', 'Action=CreateVpc&CidrBlock=10.1.0.0/16'],
  ['ec2', 'Action=RunInstances&ImageId=ami-0123456789abcdef0&MinCount=1&MaxCount=2&InstanceType=t2.micro'],
  ['ec2', 'Action=CreateKeyPair&KeyName=__proto__'],
  ['ec2', 'Action=CreateSecurityGroup&GroupName=constructor&GroupDescription=d'],
  ['iam', 'Action=CreateUser&UserName=__proto__'],
  ['iam', 'Action=CreateUser&UserName=toString'],
  [
    'iam',
    'Action=PutUserPolicy&UserName=__proto__&PolicyName=__proto__&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D',
  ],
  ['iam', 'Action=CreateAccessKey&UserName=constructor'],
  ['cloudformation', 'Action=DescribeStacks&StackName=constructor'],
] as const;

/** When a request says it was signed, relative to the sandbox's clock: mostly now, sometimes far outside the window. */
const skews = [0, 0, 0, 0, 0, 0, -10 * 60_000, 14 * 60_000, -16 * 60_000, 20 * 60_000, -30 * 86_400_000, 2e12];

const hosts: Record<string, string> = {
  ec2: 'ec2.us-west-2.amazonaws.com',
  iam: 'iam.amazonaws.com',
  cloudformation: 'cloudformation.us-west-2.amazonaws.com',
  sts: 'sts.us-west-2.amazonaws.com',
};

const actionsOf: Record<string, string[]> = {
  ec2: Object.keys(ec2Service.operations),
  iam: Object.keys(iamService.operations),
  cloudformation: Object.keys(cloudFormationService.operations),
  sts: ['GetCallerIdentity'],
};

function queryBody(rng: Random, actions: string[]): string {
  const params = new URLSearchParams({ Action: rng.pick([...actions, 'NoSuchAction', '']), Version: '2016-11-15' });
  const count = rng.int(6);
  for (let i = 0; i < count; i++) params.set(rng.pick(paramNames), rng.pick(nasty));
  return params.toString();
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const oddMethods = ['PATCH', 'OPTIONS', 'PROPFIND', 'PURGE', 'get', 'post'];

/** A query-protocol request (EC2, IAM, CloudFormation, STS) with random parameters, signed after they were chosen. */
async function queryRequest(rng: Random, at: Date): Promise<Request> {
  const service = rng.pick(Object.keys(hosts));
  const body = queryBody(rng, actionsOf[service]!);
  const truncate = rng.int(10) === 0;
  return signedRequest({
    method: rng.int(12) === 0 ? rng.pick(oddMethods) : 'POST',
    url: `https://${hosts[service]}/`,
    service,
    region: service === 'iam' ? 'us-east-1' : 'us-west-2',
    headers: form,
    body,
    date: at,
    sendBody: truncate ? body.slice(0, rng.int(body.length)) : undefined,
  });
}

const jsonBodies = [
  '{',
  '[]',
  'null',
  '{"Image":{}}',
  '{"Image":{"Bytes":"!!!"}}',
  '{"Image":{"S3Object":{"Bucket":1}}}',
  '{"MaxLabels":-5,"Image":{"Bytes":"/9j/"}}',
  '{"__proto__":{"Image":{"Bytes":"/9j/"}}}',
  '{"Name":"constructor"}',
  JSON.stringify({ Image: { Bytes: 'x'.repeat(20000) } }),
];

/** A Rekognition or SSM request: broken JSON, objects named like prototype members, unknown targets. */
async function jsonRequest(rng: Random, at: Date): Promise<Request> {
  const name = rng.pick(['cat.jpg', ...prototypeNames]);
  const body = rng.pick([
    ...jsonBodies,
    JSON.stringify({ Image: { S3Object: { Bucket: rng.pick(['photos-bucket', 'constructor']), Name: name } } }),
  ]);
  const target = rng.pick([
    'RekognitionService.DetectLabels',
    'RekognitionService.Nope',
    'RekognitionService.constructor',
    'AmazonSSM.GetParameter',
    'AmazonSSM.__proto__',
    'Bogus',
    '',
  ]);
  return signedRequest({
    method: 'POST',
    url: `https://${target.startsWith('AmazonSSM') ? 'ssm' : 'rekognition'}.us-west-2.amazonaws.com/`,
    headers: { 'content-type': rng.pick(['application/x-amz-json-1.1', 'text/plain']), 'x-amz-target': target },
    body,
    date: at,
  });
}

const s3Bodies = [
  '',
  'photo bytes',
  '<Delete><Object><Key>__proto__</Key></Object><Object><Key>a</Key></Object></Delete>',
  '<CreateBucketConfiguration><LocationConstraint>us-west-2</LocationConstraint></CreateBucketConfiguration>',
  '<not xml',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos-bucket/*"}]}',
  '<PublicAccessBlockConfiguration><BlockPublicAcls>maybe</BlockPublicAcls></PublicAccessBlockConfiguration>',
  '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n',
  '5\r\nhel',
  'zz\r\n',
];

/** An S3 request: odd keys and subresources, payload markers, unsigned headers, truncated or swapped bodies. */
async function s3Request(rng: Random, at: Date): Promise<Request> {
  const method = rng.int(10) === 0 ? rng.pick(oddMethods) : rng.pick(['GET', 'PUT', 'DELETE', 'HEAD', 'POST']);
  const bucket = rng.pick(['photos-bucket', 'photos-bucket', 'Bad_Bucket', 'a', 'x'.repeat(70), '', 'constructor']);
  const key = rng.pick(['', 'cat.jpg', 'a/b/c', '%2F..%2F', '😀.png', 'k'.repeat(1100), ...prototypeNames]);
  const query: Record<string, string> = rng.pick<Record<string, string>>([
    {},
    {},
    { 'list-type': '2', 'max-keys': rng.pick(nasty).slice(0, 50) },
    { 'list-type': '2', prefix: rng.pick(prototypeNames) },
    { policy: '' },
    { publicAccessBlock: '' },
    { delete: '' },
    { uploads: '' },
    { location: '' },
    { 'continuation-token': rng.pick(nasty).slice(0, 50) },
  ]);
  const body = method === 'GET' || method === 'HEAD' ? undefined : rng.pick(s3Bodies);
  const payload = rng.pick([
    undefined,
    undefined,
    'UNSIGNED-PAYLOAD',
    'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
    'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    'constructor',
    '0'.repeat(64),
  ]);
  const headers: Record<string, string> = payload ? { 'x-amz-content-sha256': payload } : {};
  if (payload?.startsWith('STREAMING')) headers['content-encoding'] = 'aws-chunked';
  if (rng.int(4) === 0) headers[`x-amz-meta-${rng.pick(prototypeNames).toLowerCase()}`] = 'x';
  const path = `/${encodeURIComponent(bucket)}${key ? `/${encodeURIComponent(key).replace(/%2F/g, '/')}` : ''}`;
  const search = new URLSearchParams(query).toString();
  return signedRequest({
    method,
    url: `https://s3.us-west-2.amazonaws.com${path}${search ? `?${search}` : ''}`,
    headers,
    body,
    date: at,
    presignSeconds: rng.int(8) === 0 ? rng.pick([1, 60, 604800]) : undefined,
    addAfterSigning: rng.int(12) === 0 ? { 'x-amz-acl': 'public-read' } : undefined,
    sendBody: body !== undefined && rng.int(10) === 0 ? `${body}tail` : undefined,
  });
}

/** Requests whose signature cannot even be read, or names no service, key, region or header the sandbox knows. */
function unreadableRequest(rng: Random, at: Date): Request {
  const amzDate = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  const scope = `${sandboxRootKey.accessKeyId}/${amzDate.slice(0, 8)}`;
  const headers: Record<string, string> = rng.pick<Record<string, string>>([
    { authorization: 'AWS4-HMAC-SHA256 garbage' },
    {
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIA/2026/us-west-2/ec2/aws4_request, SignedHeaders=host, Signature=00',
    },
    { authorization: 'Bearer token' },
    { authorization: 'AWS AKIA:sig' },
    {
      authorization:
        `AWS4-HMAC-SHA256 Credential=${scope}/${rng.pick(['moon-1', ...prototypeNames])}/` +
        `${rng.pick(['ec2', 's3', ...prototypeNames])}/aws4_request, ` +
        `SignedHeaders=${rng.pick(['host;x-amz-date', '', 'x-amz-date', 'host;;x', 'host;bad header'])}, ` +
        `Signature=${'a'.repeat(64)}`,
      'x-amz-date': amzDate,
    },
    {},
  ]);
  const presigned =
    `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${encodeURIComponent(`${scope}/us-west-2/s3/aws4_request`)}` +
    `&X-Amz-Date=${amzDate}&X-Amz-Expires=${rng.pick(['60', '-1', '604801', 'x'])}` +
    `&X-Amz-SignedHeaders=${rng.pick(['', 'host', '__proto__', '%20'])}&X-Amz-Signature=${'b'.repeat(64)}`;
  return new Request(
    rng.pick([
      'https://ec2.us-west-2.amazonaws.com/',
      'https://iam.amazonaws.com/',
      'https://photos-bucket.s3.amazonaws.com/x',
      'https://nosuch.us-west-2.amazonaws.com/',
      'https://constructor.us-west-2.amazonaws.com/',
      'https://s3.amazonaws.com/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=bad',
      `https://photos-bucket.s3.us-west-2.amazonaws.com/cat.jpg?${presigned}`,
    ]),
    { method: 'POST', headers, body: rng.pick(['Action=DescribeVpcs', '', '\u0000\u0001']) },
  );
}

function metadataRequest(rng: Random): Request {
  return new Request(
    `http://169.254.169.254${rng.pick(['/', '/latest/meta-data/', '/latest/api/token', '/latest/user-data', '/x/../../'])}`,
    {
      method: rng.pick(['GET', 'PUT', 'DELETE']),
      headers: {
        'x-aws-ec2-metadata-token-ttl-seconds':
          rng
            .pick(nasty)
            .slice(0, 100)
            .replace(/[^\x21-\x7e]/g, '') || '1',
      },
    },
  );
}

async function validRequest(rng: Random, at: Date): Promise<Request> {
  const [service, body] = rng.pick(valid);
  return signedRequest({ method: 'POST', url: `https://${hosts[service]}/`, service, headers: form, body, date: at });
}

/** One random request for a sandbox whose clock reads `now`. */
export async function fuzzRequest(rng: Random, now: Date): Promise<Request> {
  const at = new Date(now.getTime() + rng.pick(skews));
  const kind = rng.int(10);
  if (kind < 3) return queryRequest(rng, at);
  if (kind === 3) return jsonRequest(rng, at);
  if (kind < 6) return s3Request(rng, at);
  if (kind === 6) return unreadableRequest(rng, at);
  if (kind === 7) return metadataRequest(rng);
  return validRequest(rng, at);
}

/**
 * True when an error reply is in AWS's shape: XML with an error `<Code>` (S3's `<Error>`, EC2's `<Errors>`, the
 * query protocol's `<ErrorResponse>`), or JSON with a `__type`. HEAD answers and the metadata service have no body.
 */
export function isAwsShapedError(request: Request, text: string): boolean {
  if (request.method === 'HEAD' || new URL(request.url).hostname === '169.254.169.254') return true;
  if (/^<\?xml[^>]*>\s*<(Error|ErrorResponse|Response)\b[\s\S]*<Code>[A-Za-z0-9.]+<\/Code>/.test(text)) return true;
  try {
    const json = JSON.parse(text) as { __type?: unknown };
    return typeof json.__type === 'string' && json.__type !== '';
  } catch {
    return false;
  }
}
