import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { errorOf } from './error-of';
import { bucketWithPhoto, jpeg } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();
const size = jpeg.length;

beforeEach(async () => {
  await bucketWithPhoto(clientsFor().s3);
});

function head(extra: { Range?: string; PartNumber?: number }) {
  return clientsFor().s3.send(new HeadObjectCommand({ Bucket: 'photos-bucket', Key: 'cat.jpg', ...extra }));
}

describe('ranges of an object', () => {
  it('answers a range that starts inside the object with 206 and its bytes, cut at the end', async () => {
    expect(await head({ Range: 'bytes=0-99' })).toMatchObject({
      ContentLength: size,
      ContentRange: `bytes 0-${size - 1}/${size}`,
    });
    expect(await head({ Range: 'bytes=-1' })).toMatchObject({
      ContentLength: 1,
      ContentRange: `bytes ${size - 1}-${size - 1}/${size}`,
    });
  });

  it('ignores a range whose end comes before its start, as HTTP says, and answers the whole object', async () => {
    const answer = await head({ Range: 'bytes=1-0' });
    expect(answer.ContentLength).toBe(size);
    expect(answer.ContentRange).toBeUndefined();
  });

  it('answers 416 to a range that starts past the end', async () => {
    expect((await errorOf(head({ Range: `bytes=${size}-` }))).status).toBe(416);
    expect((await errorOf(head({ Range: 'bytes=100-200' }))).status).toBe(416);
  });
});

describe('parts of an object (?partNumber=)', () => {
  it('answers part 1 of an object put in one piece as the whole object, with 206', async () => {
    expect(await head({ PartNumber: 1 })).toMatchObject({
      ContentLength: size,
      ContentRange: `bytes 0-${size - 1}/${size}`,
    });
  });

  it('answers 416 InvalidPartNumber past the last part', async () => {
    const get = new GetObjectCommand({ Bucket: 'photos-bucket', Key: 'cat.jpg', PartNumber: 2 });
    const error = await errorOf(clientsFor().s3.send(get));
    expect(error).toMatchObject({ name: 'InvalidPartNumber', status: 416 });
  });

  it('refuses a Range and a part number together', async () => {
    expect(await errorOf(head({ Range: 'bytes=0-1', PartNumber: 1 }))).toMatchObject({ status: 400 });
  });

  it('answers a part of a multipart object by the size it was uploaded with, and the count of parts', async () => {
    const { s3 } = clientsFor(undefined, 'us-west-2', { requestHandler: sandboxRequestHandler(sandbox()) });
    const Bucket = 'photos-bucket';
    const parts = [new Uint8Array(5 * 1024 * 1024).fill(1), new Uint8Array(10).fill(2)];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'big.bin' }));
    const etags: (string | undefined)[] = [];
    for (const [i, Body] of parts.entries())
      etags.push(
        (await s3.send(new UploadPartCommand({ Bucket, Key: 'big.bin', UploadId, PartNumber: i + 1, Body }))).ETag,
      );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'big.bin',
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    const second = await s3.send(new GetObjectCommand({ Bucket, Key: 'big.bin', PartNumber: 2 }));
    expect(second).toMatchObject({ ContentLength: 10, PartsCount: 2 });
    expect(second.ContentRange).toBe(`bytes ${5 * 1024 * 1024}-${5 * 1024 * 1024 + 9}/${5 * 1024 * 1024 + 10}`);
    expect([...(await second.Body!.transformToByteArray())]).toEqual([...parts[1]!]);
  });
});
