/**
 * Every action `collectAccount` calls, all read-only: `awscourse policy` adds them to the checkers' policy, so
 * the one policy a learner attaches lets both Verify and the diagram read.
 */
export const diagramPermissions = [
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ec2:DescribeRouteTables',
  'ec2:DescribeInternetGateways',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeInstances',
  'ec2:DescribeKeyPairs',
  's3:ListAllMyBuckets',
  's3:GetBucketLocation',
  's3:ListBucket',
  's3:GetBucketPublicAccessBlock',
  'iam:ListUsers',
  'iam:ListAttachedUserPolicies',
  'iam:ListUserPolicies',
  'iam:GetLoginProfile',
  'iam:ListAccessKeys',
  'sts:GetCallerIdentity',
] as const;
