import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { CheckerAws } from './contract';

/** How to reach AWS: credentials (a provider in live mode), an endpoint override, and SDK retry bounds. */
export interface CheckerAwsOptions {
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** An endpoint for every service (AWS_ENDPOINT_URL), e.g. the sandbox's `http://127.0.0.1:4566`. */
  endpoint?: string;
  /** A custom SDK request handler (the offline sandbox runs in-process through one). */
  requestHandler?: unknown;
  /** SDK attempts per call, retries included; throttling is retried within this bound. */
  maxAttempts?: number;
}

/** The clients a checker uses, for one region, and the same for any other region on demand. */
export function createCheckerAws(options: CheckerAwsOptions): CheckerAws {
  const byRegion = new Map<string, CheckerAws>();
  const make = (region: string): CheckerAws => {
    const existing = byRegion.get(region);
    if (existing) return existing;
    const config = {
      region,
      credentials: options.credentials,
      endpoint: options.endpoint,
      maxAttempts: options.maxAttempts ?? 3,
      ...(options.requestHandler ? { requestHandler: options.requestHandler as never } : {}),
    };
    const aws: CheckerAws = {
      region,
      ec2: new EC2Client(config),
      iam: new IAMClient({ ...config, region: 'us-east-1' }),
      s3: new S3Client({ ...config, forcePathStyle: options.endpoint !== undefined }),
      sts: new STSClient(config),
      rekognition: new RekognitionClient(config),
      inRegion: make,
      objectUrl(bucket, bucketRegion, key) {
        const path = key.split('/').map(encodeURIComponent).join('/');
        return options.endpoint
          ? `${options.endpoint.replace(/\/$/, '')}/${bucket}/${path}`
          : `https://${bucket}.s3.${bucketRegion}.amazonaws.com/${path}`;
      },
    };
    byRegion.set(region, aws);
    return aws;
  };
  return make(options.region);
}
