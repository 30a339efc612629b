import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { parseSandboxState, serializeSandboxState } from '../../src/emulator/persistence';
import { createSandbox } from '../../src/emulator/sandbox';
import { ec2Service } from '../../src/emulator/services/ec2';
import { iamService } from '../../src/emulator/services/iam';
import { sandboxRootKey } from '../../src/emulator/state';

/** A small seeded generator, so a failure replays exactly. */
function random(seed: number) {
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
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
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
  'Attribute',
  'DestinationCidrBlock',
  'GatewayId',
  'RouteTableId',
  'InternetGatewayId',
];

const signer = (service: string) =>
  new SignatureV4({
    service,
    region: service === 'iam' ? 'us-east-1' : 'us-west-2',
    credentials: sandboxRootKey,
    sha256: Sha256,
    uriEscapePath: service !== 's3',
    applyChecksum: false,
  });

async function signedRequest(
  service: string,
  method: string,
  host: string,
  path: string,
  query: Record<string, string>,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
): Promise<Request> {
  const signed = await signer(service).sign({
    method,
    protocol: 'https:',
    hostname: host,
    path,
    query,
    headers: { host, ...headers },
    body,
  });
  const search = new URLSearchParams(query).toString();
  return new Request(`https://${host}${path}${search ? `?${search}` : ''}`, {
    method,
    headers: signed.headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : (body as BodyInit | undefined),
  });
}

function queryBody(rng: ReturnType<typeof random>, actions: string[]): string {
  const params = new URLSearchParams({ Action: rng.pick([...actions, 'NoSuchAction', '']), Version: '2016-11-15' });
  const count = rng.int(6);
  for (let i = 0; i < count; i++) params.set(rng.pick(paramNames), rng.pick(nasty));
  return params.toString();
}

describe('the sandbox under malformed and random requests', () => {
  it('answers thousands of them with AWS-shaped errors, never a crash or a 500, and keeps a valid state', async () => {
    const sandbox = createSandbox();
    const rng = random(20261125);
    const ec2Actions = Object.keys(ec2Service.operations);
    const iamActions = Object.keys(iamService.operations);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 2500; i++) {
      const kind = rng.int(8);
      let request: Request;
      if (kind === 0) {
        request = await signedRequest(
          'ec2',
          'POST',
          'ec2.us-west-2.amazonaws.com',
          '/',
          {},
          { 'content-type': 'application/x-www-form-urlencoded' },
          queryBody(rng, ec2Actions),
        );
      } else if (kind === 1) {
        request = await signedRequest(
          'iam',
          'POST',
          'iam.amazonaws.com',
          '/',
          {},
          { 'content-type': 'application/x-www-form-urlencoded' },
          queryBody(rng, iamActions),
        );
      } else if (kind === 2) {
        const body = rng.pick([
          '{',
          '[]',
          'null',
          '{"Image":{}}',
          '{"Image":{"Bytes":"!!!"}}',
          '{"Image":{"S3Object":{"Bucket":1}}}',
          '{"MaxLabels":-5,"Image":{"Bytes":"/9j/"}}',
          JSON.stringify({ Image: { Bytes: 'x'.repeat(20000) } }),
        ]);
        const target = rng.pick(['RekognitionService.DetectLabels', 'RekognitionService.Nope', 'Bogus', '']);
        request = await signedRequest(
          'rekognition',
          'POST',
          'rekognition.us-west-2.amazonaws.com',
          '/',
          {},
          { 'content-type': rng.pick(['application/x-amz-json-1.1', 'text/plain']), 'x-amz-target': target },
          body,
        );
      } else if (kind === 3) {
        const method = rng.pick(['GET', 'PUT', 'DELETE', 'HEAD', 'POST', 'PATCH']);
        const bucket = rng.pick(['photos-bucket', 'Bad_Bucket', 'a', 'x'.repeat(70), '']);
        const key = rng.pick(['', 'cat.jpg', 'a/b/c', '%2F..%2F', '😀.png', 'k'.repeat(1100)]);
        const query: Record<string, string> = rng.pick<Record<string, string>>([
          {},
          { 'list-type': '2', 'max-keys': rng.pick(nasty) },
          { policy: '' },
          { publicAccessBlock: '' },
          { delete: '' },
          { uploads: '' },
          { location: '' },
          { 'continuation-token': rng.pick(nasty) },
        ]);
        const body =
          method === 'GET' || method === 'HEAD'
            ? undefined
            : rng.pick([
                '',
                '<Delete><Object><Key>a</Key></Object></Delete>',
                '<CreateBucketConfiguration><LocationConstraint>us-west-2</LocationConstraint></CreateBucketConfiguration>',
                '<not xml',
                '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos-bucket/*"}]}',
                '<PublicAccessBlockConfiguration><BlockPublicAcls>maybe</BlockPublicAcls></PublicAccessBlockConfiguration>',
              ]);
        const path = `/${encodeURIComponent(bucket)}${key ? `/${key}` : ''}`;
        request = await signedRequest(
          's3',
          method,
          's3.us-west-2.amazonaws.com',
          path,
          query,
          { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
          body,
        );
      } else if (kind === 4) {
        const headers: Record<string, string> = rng.pick<Record<string, string>>([
          { authorization: 'AWS4-HMAC-SHA256 garbage' },
          {
            authorization:
              'AWS4-HMAC-SHA256 Credential=AKIA/2026/us-west-2/ec2/aws4_request, SignedHeaders=host, Signature=00',
          },
          { authorization: 'Bearer token' },
          {
            authorization:
              `AWS4-HMAC-SHA256 ` +
              `Credential=${sandboxRootKey.accessKeyId}/20261125/moon-1/ec2/aws4_request, ` +
              `SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`,
            'x-amz-date': '20261125T000000Z',
          },
          {},
        ]);
        request = new Request(
          rng.pick([
            'https://ec2.us-west-2.amazonaws.com/',
            'https://iam.amazonaws.com/',
            'https://photos-bucket.s3.amazonaws.com/x',
            'https://nosuch.us-west-2.amazonaws.com/',
            'https://s3.amazonaws.com/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=bad',
          ]),
          { method: 'POST', headers, body: rng.pick(['Action=DescribeVpcs', '', '\u0000\u0001']) },
        );
      } else if (kind === 5) {
        request = new Request(
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
      } else {
        const valid = rng.pick([
          'Action=CreateVpc&CidrBlock=10.1.0.0/16',
          'Action=RunInstances&ImageId=ami-0123456789abcdef0&MinCount=1&MaxCount=2&InstanceType=t2.micro',
          'Action=CreateKeyPair&KeyName=k',
          'Action=CreateSecurityGroup&GroupName=g&GroupDescription=d',
        ]);
        request = await signedRequest(
          'ec2',
          'POST',
          'ec2.us-west-2.amazonaws.com',
          '/',
          {},
          { 'content-type': 'application/x-www-form-urlencoded' },
          valid,
        );
      }
      const response = await sandbox.handle(request);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `request ${i} (${request.method} ${request.url.slice(0, 80)})`).not.toBe(500);
      if (response.status >= 400 && request.method !== 'HEAD' && !request.url.includes('169.254.169.254')) {
        const text = await response.text();
        expect(text, `request ${i}`).toMatch(/<Code>[A-Za-z.]+<\/Code>|"__type":"[A-Za-z]+"/);
      }
    }
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(parseSandboxState(serializeSandboxState(sandbox.state))).toHaveProperty('state');
  }, 120_000);
});
