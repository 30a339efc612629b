import { AwsError } from '../aws-error';
import { base64ToBytes } from '../base64';
import type { ServiceContext } from '../context';
import { jsonEndpoint, type JsonService } from '../protocols/json';
import { sha256Hex } from '../sigv4';
import { readObjectBytes } from './s3';
import { derivedLabels, sampleLabels, type SimulatedLabel } from './rekognition-labels';

/** Rekognition's size limits: 5 MB for bytes in the request, 15 MB for an S3 object. */
const maxBytes = 5 * 1024 * 1024;
const maxS3Bytes = 15 * 1024 * 1024;

function imageFormat(bytes: Uint8Array): 'jpeg' | 'png' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  return null;
}

function s3Object(input: Record<string, unknown>): { bucket: string; key: string } | null {
  const image = input.Image as { S3Object?: { Bucket?: unknown; Name?: unknown } } | undefined;
  const object = image?.S3Object;
  if (!object) return null;
  if (
    typeof object.Bucket !== 'string' ||
    typeof object.Name !== 'string' ||
    object.Bucket === '' ||
    object.Name === ''
  ) {
    throw new AwsError(
      'InvalidParameterException',
      'Request has invalid parameters: S3Object needs a Bucket and a Name.',
      400,
    );
  }
  return { bucket: object.Bucket, key: object.Name };
}

/** The image's bytes from the request or from S3, checked as Rekognition checks them. */
function imageBytes(input: Record<string, unknown>, ctx: ServiceContext): Uint8Array {
  const image = input.Image as { Bytes?: unknown } | undefined;
  if (!image || typeof image !== 'object') {
    throw new AwsError(
      'ValidationException',
      "1 validation error detected: Value null at 'image' failed to satisfy constraint: Member must not be null",
      400,
    );
  }
  const object = s3Object(input);
  if (object) {
    // Rekognition reads the object with the caller's own permissions, in its own region.
    const unreadable = new AwsError(
      'InvalidS3ObjectException',
      'Unable to get object metadata from S3. Check object key, region and/or access permissions.',
      400,
    );
    try {
      ctx.authorize('s3:GetObject', `arn:aws:s3:::${object.bucket}/${object.key}`);
    } catch {
      throw unreadable;
    }
    const bucket = ctx.state.buckets[object.bucket];
    const bytes =
      bucket && bucket.region === ctx.region && bucket.accountId === ctx.account.accountId
        ? readObjectBytes(ctx, object.bucket, object.key)
        : null;
    if (!bytes) throw unreadable;
    if (bytes.length > maxS3Bytes) throw new AwsError('ImageTooLargeException', 'Image size is too large.', 400);
    return bytes;
  }
  if (typeof image.Bytes !== 'string') {
    throw new AwsError(
      'InvalidParameterException',
      'Request has invalid parameters: Image needs either Bytes or S3Object.',
      400,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(image.Bytes);
  } catch {
    throw new AwsError('InvalidImageFormatException', 'Request has invalid image format', 400);
  }
  if (bytes.length > maxBytes) throw new AwsError('ImageTooLargeException', 'Image size is too large.', 400);
  return bytes;
}

function numberIn(input: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new AwsError(
      'InvalidParameterException',
      `Request has invalid parameters: ${name} must be a number between ${min} and ${max}.`,
      400,
    );
  }
  return value;
}

function renderLabel(label: SimulatedLabel): Record<string, unknown> {
  return {
    Name: label.name,
    Confidence: label.confidence,
    Instances: [],
    Parents: label.parents.map((name) => ({ Name: name })),
    Aliases: [],
    Categories: label.categories.map((name) => ({ Name: name })),
  };
}

/** Rekognition's `DetectLabels`, with simulated but stable labels (see rekognition-labels.ts). */
export const rekognitionService: JsonService = {
  signingName: 'rekognition',
  actionPrefix: 'rekognition',
  targetPrefix: 'RekognitionService',
  operations: {
    DetectLabels: {
      async run(input, ctx) {
        const maxLabels = numberIn(input, 'MaxLabels', 0, 1000);
        const minConfidence = numberIn(input, 'MinConfidence', 0, 100) ?? 55;
        const bytes = imageBytes(input, ctx);
        if (!imageFormat(bytes))
          throw new AwsError('InvalidImageFormatException', 'Request has invalid image format', 400);
        const digest = await sha256Hex(bytes);
        const labels = (sampleLabels[digest] ?? derivedLabels(digest))
          .filter((label) => label.confidence >= minConfidence)
          .sort((a, b) => b.confidence - a.confidence)
          .slice(0, maxLabels ?? Number.MAX_SAFE_INTEGER);
        return { Labels: labels.map(renderLabel), LabelModelVersion: '3.0' };
      },
    },
  },
};

export const rekognitionEndpoint = jsonEndpoint(rekognitionService);
