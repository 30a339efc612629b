import { readFileSync } from 'node:fs';
import {
  CreateKeyPairCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  ModifySubnetAttributeCommand,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { DetectLabelsCommand } from '@aws-sdk/client-rekognition';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { amazonLinuxImageId } from '../../src/emulator/services/ec2-images';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const cat = new Uint8Array(readFileSync(new URL('../../public/sample-photos/chelsea.jpg', import.meta.url)));

describe('Rekognition in the sandbox', () => {
  it('labels the sample cat photo from S3 with its hand-written labels', async () => {
    const { s3, rekognition } = clientsFor();
    await s3.send(
      new CreateBucketCommand({
        Bucket: 'photos-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    await s3.send(
      new PutObjectCommand({ Bucket: 'photos-bucket', Key: 'cat.jpg', Body: cat, ContentType: 'image/jpeg' }),
    );
    const result = await rekognition.send(
      new DetectLabelsCommand({ Image: { S3Object: { Bucket: 'photos-bucket', Name: 'cat.jpg' } }, MaxLabels: 3 }),
    );
    expect(result.Labels!.map((l) => l.Name)).toEqual(['Cat', 'Pet', 'Animal']);
    expect(result.Labels![0]).toMatchObject({
      Confidence: 99.62,
      Parents: [{ Name: 'Animal' }, { Name: 'Mammal' }, { Name: 'Pet' }],
      Categories: [{ Name: 'Animals and Pets' }],
    });
    expect(result.LabelModelVersion).toBe('3.0');
  });

  it('filters by MinConfidence', async () => {
    const { rekognition } = clientsFor();
    const result = await rekognition.send(new DetectLabelsCommand({ Image: { Bytes: cat }, MinConfidence: 70 }));
    expect(result.Labels!.map((l) => l.Name)).toEqual(['Cat', 'Pet', 'Animal', 'Mammal', 'Abyssinian']);
  });

  it('gives any other image stable labels derived from its bytes', async () => {
    const { rekognition } = clientsFor();
    const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 1, 2, 3, 4, 5, 6, 7, 8]);
    const first = await rekognition.send(new DetectLabelsCommand({ Image: { Bytes: image } }));
    const second = await rekognition.send(new DetectLabelsCommand({ Image: { Bytes: image } }));
    expect(first.Labels!.length).toBeGreaterThanOrEqual(3);
    expect(second.Labels).toEqual(first.Labels);
    const confidences = first.Labels!.map((l) => l.Confidence!);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
  });

  it.each([
    ['a GIF', 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'],
    ['a WebP', 'UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=='],
  ])('refuses %s in the bucket as AWS does: it reads JPEG and PNG only', async (_kind, base64) => {
    const { s3, rekognition } = clientsFor();
    await s3.send(
      new CreateBucketCommand({
        Bucket: 'photos-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'photos-bucket', Key: 'photo', Body: Buffer.from(base64, 'base64') }));
    const refused = await errorOf(
      rekognition.send(new DetectLabelsCommand({ Image: { S3Object: { Bucket: 'photos-bucket', Name: 'photo' } } })),
    );
    expect(refused).toEqual({
      name: 'InvalidImageFormatException',
      message: 'Request has invalid image format',
      status: 400,
    });
  });

  it('refuses what is not an image, a missing object and bad parameters', async () => {
    const { rekognition } = clientsFor();
    expect(
      await errorOf(
        rekognition.send(new DetectLabelsCommand({ Image: { Bytes: new TextEncoder().encode('plain text') } })),
      ),
    ).toMatchObject({ name: 'InvalidImageFormatException', status: 400 });
    expect(
      await errorOf(
        rekognition.send(new DetectLabelsCommand({ Image: { S3Object: { Bucket: 'nope', Name: 'x.jpg' } } })),
      ),
    ).toMatchObject({ name: 'InvalidS3ObjectException' });
    expect(
      await errorOf(rekognition.send(new DetectLabelsCommand({ Image: { Bytes: cat }, MinConfidence: 101 }))),
    ).toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('the instance metadata service in the sandbox', () => {
  /** An instance in a public subnet; IMDSv1 allowed unless `launchWith` says otherwise. */
  async function launch(launchWith: Partial<RunInstancesCommandInput> = {}) {
    const { ec2 } = clientsFor();
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!;
    const subnet = (
      await ec2.send(
        new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.1.1.0/24', AvailabilityZone: 'us-west-2b' }),
      )
    ).Subnet!;
    await ec2.send(
      new ModifySubnetAttributeCommand({ SubnetId: subnet.SubnetId, MapPublicIpOnLaunch: { Value: true } }),
    );
    await ec2.send(new CreateKeyPairCommand({ KeyName: 'edx-key' }));
    const instance = (
      await ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-0123456789abcdef0',
          InstanceType: 't2.micro',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: subnet.SubnetId,
          KeyName: 'edx-key',
          // IMDSv1 too, which Amazon Linux 2023's images turn off unless the launch turns it back on.
          MetadataOptions: { HttpTokens: 'optional' },
          UserData: btoa('#!/bin/bash\ndnf install -y httpd\nsystemctl start httpd\n'),
          ...launchWith,
        }),
      )
    ).Instances![0]!;
    return { ec2, vpc, subnet, instance };
  }

  const imds = (path: string, init?: RequestInit) => fetch(`http://169.254.169.254${path}`, init);

  it('answers IMDSv1 requests with the instance’s own values', async () => {
    const { vpc, subnet, instance } = await launch();
    expect((await (await imds('/latest/meta-data/')).text()).split('\n')).toEqual(
      expect.arrayContaining(['instance-id', 'public-ipv4', 'mac', 'network/', 'placement/']),
    );
    expect(await (await imds('/latest/meta-data/instance-id')).text()).toBe(instance.InstanceId);
    const mac = await (await imds('/latest/meta-data/mac')).text();
    expect(mac).toBe(instance.NetworkInterfaces![0]!.MacAddress);
    expect(await (await imds(`/latest/meta-data/network/interfaces/macs/${mac}/vpc-id`)).text()).toBe(vpc.VpcId);
    expect(await (await imds(`/latest/meta-data/network/interfaces/macs/${mac}/subnet-id`)).text()).toBe(
      subnet.SubnetId,
    );
    expect(await (await imds('/latest/meta-data/public-ipv4')).text()).toBe(instance.PublicIpAddress);
    expect(await (await imds('/latest/user-data')).text()).toContain('dnf install -y httpd');
    expect((await imds('/latest/meta-data/no-such-thing')).status).toBe(404);
  });

  it('issues IMDSv2 tokens and refuses a bad one', async () => {
    const { instance } = await launch();
    const tokenResponse = await imds('/latest/api/token', {
      method: 'PUT',
      headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' },
    });
    const token = await tokenResponse.text();
    expect(tokenResponse.status).toBe(200);
    const document = JSON.parse(
      await (
        await imds('/latest/dynamic/instance-identity/document', { headers: { 'X-aws-ec2-metadata-token': token } })
      ).text(),
    );
    expect(document).toMatchObject({
      instanceId: instance.InstanceId,
      accountId: '123456789012',
      region: 'us-west-2',
      availabilityZone: 'us-west-2b',
      instanceType: 't2.micro',
    });
    expect(
      (await imds('/latest/meta-data/instance-id', { headers: { 'X-aws-ec2-metadata-token': 'forged' } })).status,
    ).toBe(401);
    expect(
      (await imds('/latest/api/token', { method: 'PUT', headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '0' } }))
        .status,
    ).toBe(400);
  });

  it('answers a tokenless GET with 401 on an instance of Amazon Linux 2023, whose image requires IMDSv2', async () => {
    await launch({ ImageId: amazonLinuxImageId('us-west-2'), MetadataOptions: undefined });
    const refused = await imds('/latest/meta-data/instance-id');
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('<title>401 - Unauthorized</title>');
  });

  it('answers a tokenless GET on an instance of an image not marked ImdsSupport v2.0', async () => {
    const { instance } = await launch({ ImageId: 'ami-0123456789abcdef0', MetadataOptions: undefined });
    const answered = await imds('/latest/meta-data/instance-id');
    expect(answered.status).toBe(200);
    expect(await answered.text()).toBe(instance.InstanceId);
  });

  it('says plainly when no instance is running', async () => {
    const { ec2, instance } = await launch();
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.InstanceId!] }));
    const response = await imds('/latest/meta-data/instance-id');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('no running instance');
  });
});
