/**
 * The AWS managed policies the sandbox knows. Their documents are abridged to the services the course uses; the
 * names, ARNs and intent match AWS's.
 */
export interface AwsManagedPolicy {
  policyName: string;
  description: string;
  document: string;
}

const allow = (actions: string[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });

export const awsManagedPolicies: readonly AwsManagedPolicy[] = [
  {
    policyName: 'AdministratorAccess',
    description: 'Provides full access to AWS services and resources.',
    document: allow(['*']),
  },
  {
    policyName: 'ReadOnlyAccess',
    description: 'Provides read-only access to AWS services and resources.',
    document: allow([
      'ec2:Describe*',
      'ec2:Get*',
      'iam:Get*',
      'iam:List*',
      'iam:Generate*',
      's3:Get*',
      's3:List*',
      'rekognition:Describe*',
      'rekognition:List*',
      'cloudformation:Describe*',
      'cloudformation:Get*',
      'cloudformation:List*',
      'ssm:GetParameter*',
      'sts:GetCallerIdentity',
    ]),
  },
  {
    policyName: 'AmazonEC2FullAccess',
    description: 'Provides full access to Amazon EC2 via the AWS Management Console.',
    document: allow(['ec2:*']),
  },
  {
    policyName: 'AmazonEC2ReadOnlyAccess',
    description: 'Provides read only access to Amazon EC2 via the AWS Management Console.',
    document: allow(['ec2:Describe*']),
  },
  {
    policyName: 'AmazonS3FullAccess',
    description: 'Provides full access to all buckets via the AWS Management Console.',
    document: allow(['s3:*']),
  },
  {
    policyName: 'AmazonS3ReadOnlyAccess',
    description: 'Provides read only access to all buckets via the AWS Management Console.',
    document: allow(['s3:Get*', 's3:List*']),
  },
  {
    policyName: 'AmazonRekognitionReadOnlyAccess',
    description: 'Access to all Amazon Rekognition Read APIs',
    document: allow([
      'rekognition:Detect*',
      'rekognition:Describe*',
      'rekognition:List*',
      'rekognition:Compare*',
      'rekognition:Recognize*',
      'rekognition:Search*',
      'rekognition:Get*',
    ]),
  },
  {
    policyName: 'IAMReadOnlyAccess',
    description: 'Provides read only access to IAM via the AWS Management Console.',
    document: allow(['iam:Generate*', 'iam:Get*', 'iam:List*']),
  },
  {
    policyName: 'IAMUserChangePassword',
    description: 'Provides the ability for an IAM user to change their own password.',
    document: allow(['iam:ChangePassword', 'iam:GetAccountPasswordPolicy']),
  },
];

/** The ARN of an AWS managed policy. */
export const awsManagedPolicyArn = (name: string) => `arn:aws:iam::aws:policy/${name}`;
