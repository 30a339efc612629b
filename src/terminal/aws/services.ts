/** What a service's SDK package exports that `aws` uses: its client class, `…Command` classes, paginators, waiters. */
export type SdkModule = Record<string, unknown>;

/** A service `aws` speaks: its SDK package (loaded on first use, so a page pays only for what it runs). */
export interface AwsService {
  /** The client class's export name, e.g. `EC2Client`. */
  clientName: string;
  /** Imports the SDK package. */
  load: () => Promise<SdkModule>;
}

/** Every service `aws` speaks, by its CLI name. */
export const awsServices: Record<string, AwsService> = {
  cloudformation: { clientName: 'CloudFormationClient', load: () => import('@aws-sdk/client-cloudformation') },
  ec2: { clientName: 'EC2Client', load: () => import('@aws-sdk/client-ec2') },
  iam: { clientName: 'IAMClient', load: () => import('@aws-sdk/client-iam') },
  rekognition: { clientName: 'RekognitionClient', load: () => import('@aws-sdk/client-rekognition') },
  s3api: { clientName: 'S3Client', load: () => import('@aws-sdk/client-s3') },
  ssm: { clientName: 'SSMClient', load: () => import('@aws-sdk/client-ssm') },
  sts: { clientName: 'STSClient', load: () => import('@aws-sdk/client-sts') },
};
