/**
 * AWS's public regions (the `aws` partition, GovCloud and China), as `aws ec2 describe-regions --all-regions` lists
 * them at the end of 2026. A name not here may still be a region opened since, so live mode lets a well-formed one
 * through and explains it only if AWS does not answer there.
 */
export const awsRegions: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'ca-west-1',
  'mx-central-1',
  'sa-east-1',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'cn-north-1',
  'cn-northwest-1',
];

/** The shape of every region name: an area, one or more words, a number (`us-west-2`, `us-gov-east-1`). */
const regionShape = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * Why `region` cannot be checked, or undefined when it can. With `served` (the sandbox's regions), only those may be
 * checked; otherwise any region AWS lists, or any well-formed name (AWS opens new regions).
 *
 * @example
 * regionProblem('mars-1'); // '"mars-1" is not an AWS region: region names look like us-west-2 or eu-central-1.'
 */
export function regionProblem(region: string, served?: readonly string[]): string | undefined {
  if (!regionShape.test(region))
    return `"${region}" is not an AWS region: region names look like us-west-2 or eu-central-1.`;
  if (served && !served.includes(region)) {
    const known = awsRegions.includes(region)
      ? `${region} is an AWS region, but`
      : `"${region}" is not an AWS region, and`;
    return `${known} the sandbox account has no ${region}; it serves ${served.join(', ')}.`;
  }
  return undefined;
}
