/** A problem IAM finds in one entry of Resource or NotResource, and when it reports it (see `PolicyStage`). */
export interface ResourceProblem {
  /** `legacy` problems are reported before most others, as "The policy failed legacy parsing". */
  stage: 'legacy' | 'resourceFormat';
  message: string;
  explanation: string;
}

/** The AWS partitions an ARN may name. */
const partitions = new Set(['*', 'aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f']);

/** What an IAM resource's path may start with, in the order IAM's message lists them. */
const iamResourcePrefixes = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
];

const formatProblem = (message: string, explanation: string): ResourceProblem => ({
  stage: 'resourceFormat',
  message,
  explanation,
});

/**
 * What IAM says about one entry of Resource or NotResource, or null when it takes it. IAM checks the shape of an ARN
 * (`arn:partition:service:region:account:resource`), not what it names: placeholder-looking segments such as
 * `arn:aws:ec2:region:account-id:instance/*` are accepted, and match nothing real.
 *
 * @example
 * resourceProblem('arn:aws:s3:::photos/*') // null
 * resourceProblem('photos/*') // { stage: 'resourceFormat', message: 'Resource photos/* must be in ARN format or "*".', … }
 */
export function resourceProblem(resource: string): ResourceProblem | null {
  if (resource === '*') return null;
  const parts = resource.split(':');
  if (parts.length === 1)
    return formatProblem(
      `Resource ${resource} must be in ARN format or "*".`,
      'Resources are ARNs such as "arn:aws:s3:::my-bucket/*", or "*".',
    );
  const [, partition = '', service = '', region = '', account = ''] = parts;
  if (!partitions.has(partition)) {
    const field = (index: number) => parts[index] ?? '*';
    const path = parts.length > 5 ? parts.slice(5).join(':') : '*';
    return formatProblem(
      `Partition "${partition}" is not valid for resource "arn:${partition}:${field(2)}:${field(3)}:${field(4)}:${path}".`,
      'An ARN starts with "arn:aws:" (or another AWS partition), e.g. "arn:aws:s3:::my-bucket".',
    );
  }
  if (parts.length === 2)
    return formatProblem(
      'Resource vendor must be fully qualified and cannot contain regexes.',
      'After the partition an ARN names its service, e.g. "arn:aws:s3:::my-bucket".',
    );
  if (service === '' || (parts.length < 6 && resource.includes('::')))
    return {
      stage: 'legacy',
      message: 'The policy failed legacy parsing',
      explanation:
        `"${resource}" is missing parts of an ARN: arn:partition:service:region:account:resource, where region and ` +
        'account may be empty but their colons stay, e.g. "arn:aws:s3:::my-bucket".',
    };
  return regionOrPathProblem(resource, service, region, account, parts.slice(5).join(':'), parts.length >= 6);
}

/** IAM's and S3's rules for their own ARNs: IAM's are global and name a kind of entity; S3 buckets are global. */
function regionOrPathProblem(
  resource: string,
  service: string,
  region: string,
  account: string,
  path: string,
  hasPath: boolean,
): ResourceProblem | null {
  if (service === 'iam' && region !== '')
    return formatProblem(
      `IAM resource ${resource} cannot contain region information.`,
      'IAM is global: its ARNs leave the region empty, e.g. "arn:aws:iam::123456789012:role/MyRole".',
    );
  // Regional S3 resources (access points, batch jobs, Storage Lens) all name an account; buckets and objects do not.
  if (service === 's3' && region !== '' && account === '')
    return formatProblem(
      `Resource ${resource} can not contain region information.`,
      'Bucket and object ARNs leave region and account empty: "arn:aws:s3:::my-bucket/*".',
    );
  if (service === 'iam' && hasPath && path !== '*' && !iamResourcePrefixes.some((prefix) => path.startsWith(prefix)))
    return formatProblem(
      `IAM resource path must either be "*" or start with ${iamResourcePrefixes.join(', ')}.`,
      'An IAM ARN names the kind of entity, e.g. "arn:aws:iam::123456789012:user/ana".',
    );
  return null;
}
