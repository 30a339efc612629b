import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  type S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { md5Hex } from '../../src/emulator/md5';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { errorOf } from './error-of';
import { bucketWithPhoto, jpeg, readObject } from './s3-fixtures';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();

const mebibyte = 1024 * 1024;

/** `size` bytes of a pattern that differs from part to part, so a part out of place shows. */
function partBytes(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + seed * 31) % 251;
  return bytes;
}

/** Starts an upload of `key` and uploads each of `parts`; answers the upload id and each part's ETag. */
async function uploadParts(s3: S3Client, bucket: string, key: string, parts: Uint8Array[]) {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const etags: string[] = [];
  for (const [index, body] of parts.entries()) {
    const part = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: index + 1, Body: body }),
    );
    etags.push(part.ETag!);
  }
  return { uploadId: UploadId!, etags };
}

function complete(bucket: string, key: string, uploadId: string, parts: { ETag: string; PartNumber: number }[]) {
  return new CompleteMultipartUploadCommand({
    Bucket: bucket,
    Key: key,
    UploadId: uploadId,
    MultipartUpload: { Parts: parts },
  });
}

describe('S3 multipart upload in the sandbox', () => {
  it('joins the parts into the object, byte for byte, with the ETag of the MD5s of the parts', async () => {
    // Through the SDK request handler: msw's Node interceptor takes seconds a megabyte to pass a body on.
    const { s3 } = clientsFor(undefined, 'us-west-2', { requestHandler: sandboxRequestHandler(sandbox()) });
    const bucket = await bucketWithPhoto(s3);
    const parts = [partBytes(5 * mebibyte, 1), partBytes(3 * mebibyte + 5, 2)];
    const { uploadId, etags } = await uploadParts(s3, bucket, 'big.bin', parts);
    const done = await s3.send(
      complete(
        bucket,
        'big.bin',
        uploadId,
        etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })),
      ),
    );
    const digests = Uint8Array.from(
      parts.flatMap((part) =>
        md5Hex(part)
          .match(/../g)!
          .map((h) => parseInt(h, 16)),
      ),
    );
    expect(done.ETag).toBe(`"${md5Hex(digests)}-2"`);
    const { bytes } = await readObject(s3, bucket, 'big.bin');
    // Buffer's comparison: a deep equality of eight million elements takes the test's whole time.
    expect(Buffer.from(bytes).equals(Buffer.concat(parts))).toBe(true);
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big.bin' }))).ContentLength).toBe(
      8 * mebibyte + 5,
    );
  }, 20_000);

  it('forgets the upload and its parts once it is complete', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { uploadId, etags } = await uploadParts(s3, bucket, 'one.bin', [jpeg]);
    await s3.send(complete(bucket, 'one.bin', uploadId, [{ ETag: etags[0]!, PartNumber: 1 }]));
    expect(sandbox().state.buckets[bucket]!.uploads).toEqual({});
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads).toBeUndefined();
  });

  it('refuses a part other than the last under 5 MiB with EntityTooSmall, and keeps the upload', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { uploadId, etags } = await uploadParts(s3, bucket, 'small.bin', [jpeg, jpeg]);
    const refused = await errorOf(
      s3.send(
        complete(
          bucket,
          'small.bin',
          uploadId,
          etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })),
        ),
      ),
    );
    expect(refused).toMatchObject({ name: 'EntityTooSmall', status: 400 });
    expect(Object.keys(sandbox().state.buckets[bucket]!.objects)).toEqual(['cat.jpg']);
    expect(Object.keys(sandbox().state.buckets[bucket]!.uploads!)).toEqual([uploadId]);
  });

  it('refuses parts listed out of order with InvalidPartOrder', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { uploadId, etags } = await uploadParts(s3, bucket, 'order.bin', [jpeg, jpeg]);
    const parts = [
      { ETag: etags[1]!, PartNumber: 2 },
      { ETag: etags[0]!, PartNumber: 1 },
    ];
    expect(await errorOf(s3.send(complete(bucket, 'order.bin', uploadId, parts)))).toMatchObject({
      name: 'InvalidPartOrder',
      status: 400,
    });
  });

  it('refuses a part never uploaded, or listed with another ETag, with InvalidPart', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { uploadId, etags } = await uploadParts(s3, bucket, 'part.bin', [jpeg]);
    const missing = await errorOf(
      s3.send(complete(bucket, 'part.bin', uploadId, [{ ETag: etags[0]!, PartNumber: 2 }])),
    );
    const wrongTag = await errorOf(
      s3.send(complete(bucket, 'part.bin', uploadId, [{ ETag: `"${'0'.repeat(32)}"`, PartNumber: 1 }])),
    );
    expect(missing).toMatchObject({ name: 'InvalidPart', status: 400 });
    expect(wrongTag).toMatchObject({ name: 'InvalidPart', status: 400 });
  });

  it('answers NoSuchUpload for an upload id it does not have', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const refused = await errorOf(
      s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'x.bin', UploadId: 'nope', PartNumber: 1, Body: jpeg })),
    );
    expect(refused).toMatchObject({ name: 'NoSuchUpload', status: 404 });
  });

  it('refuses a part number outside 1 to 10000', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'n.bin' }));
    const refused = await errorOf(
      s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'n.bin', UploadId, PartNumber: 10001, Body: jpeg })),
    );
    expect(refused).toMatchObject({ name: 'InvalidArgument', status: 400 });
  });

  it('aborts an upload: its parts are gone and its id is unknown after', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { uploadId } = await uploadParts(s3, bucket, 'gone.bin', [jpeg]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'gone.bin', UploadId: uploadId }));
    expect(sandbox().state.buckets[bucket]!.uploads).toEqual({});
    const again = await errorOf(
      s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'gone.bin', UploadId: uploadId })),
    );
    expect(again).toMatchObject({ name: 'NoSuchUpload', status: 404 });
  });

  it('lists the parts of an upload, a page at a time', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { uploadId, etags } = await uploadParts(s3, bucket, 'list.bin', [jpeg, jpeg.slice(2), jpeg.slice(4)]);
    const first = await s3.send(
      new ListPartsCommand({ Bucket: bucket, Key: 'list.bin', UploadId: uploadId, MaxParts: 2 }),
    );
    expect(first.Parts!.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([
      [1, etags[0], 16],
      [2, etags[1], 14],
    ]);
    expect(first).toMatchObject({ IsTruncated: true, NextPartNumberMarker: '2' });
    const rest = await s3.send(
      new ListPartsCommand({ Bucket: bucket, Key: 'list.bin', UploadId: uploadId, PartNumberMarker: '2' }),
    );
    expect(rest.Parts!.map((p) => p.PartNumber)).toEqual([3]);
    expect(rest.IsTruncated).toBe(false);
  });

  it('lists the uploads in progress under a prefix', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { uploadId } = await uploadParts(s3, bucket, 'videos/a.mp4', [jpeg]);
    await uploadParts(s3, bucket, 'other/b.mp4', [jpeg]);
    const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: 'videos/' }));
    expect(listed.Uploads!.map((u) => [u.Key, u.UploadId])).toEqual([['videos/a.mp4', uploadId]]);
  });

  it('copies a range of an object as a part (UploadPartCopy)', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'copy.bin' }));
    const copied = await s3.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key: 'copy.bin',
        UploadId,
        PartNumber: 1,
        CopySource: `${bucket}/cat.jpg`,
        CopySourceRange: 'bytes=0-3',
      }),
    );
    await s3.send(complete(bucket, 'copy.bin', UploadId!, [{ ETag: copied.CopyPartResult!.ETag!, PartNumber: 1 }]));
    expect((await readObject(s3, bucket, 'copy.bin')).bytes).toEqual(jpeg.slice(0, 4));
  });

  it('gives the object the content type and metadata the upload began with', async () => {
    const { s3 } = clientsFor();
    const bucket = await bucketWithPhoto(s3);
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({
        Bucket: bucket,
        Key: 'meta.jpg',
        ContentType: 'image/jpeg',
        Metadata: { by: 'ana' },
      }),
    );
    const part = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'meta.jpg', UploadId, PartNumber: 1, Body: jpeg }),
    );
    await s3.send(complete(bucket, 'meta.jpg', UploadId!, [{ ETag: part.ETag!, PartNumber: 1 }]));
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'meta.jpg' }));
    expect(head).toMatchObject({ ContentType: 'image/jpeg', Metadata: { by: 'ana' } });
  });
});
