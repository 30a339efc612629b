import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { defaultAccountId } from '../../src/emulator/state';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const inMyNamespace = `photos-${defaultAccountId}-us-west-2-an`;

function create(Bucket: string) {
  const { s3 } = clientsFor();
  return s3.send(
    new CreateBucketCommand({
      Bucket,
      BucketNamespace: 'account-regional',
      CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
    }),
  );
}

describe("S3 buckets in the account's regional namespace", () => {
  it('creates a bucket named for the account and region, and answers its ARN', async () => {
    const created = await create(inMyNamespace);
    expect(created.BucketArn).toBe(`arn:aws:s3:::${inMyNamespace}`);
    const head = await clientsFor().s3.send(new HeadBucketCommand({ Bucket: inMyNamespace }));
    expect(head.BucketRegion).toBe('us-west-2');
  });

  it('refuses a name without the account regional suffix with InvalidNamespaceHeader', async () => {
    expect(await errorOf(create('photos-wrong-suffix'))).toMatchObject({ name: 'InvalidNamespaceHeader', status: 400 });
  });

  it("refuses a name with another region's suffix", async () => {
    const refused = await errorOf(create(`photos-${defaultAccountId}-us-east-1-an`));
    expect(refused).toMatchObject({ name: 'InvalidNamespaceHeader' });
  });
});
