import { commercialRegions } from './commercial-regions';

/**
 * AWS's public regions: the commercial ones, GovCloud and China, as `aws ec2 describe-regions --all-regions` lists
 * them in each partition at the end of 2026. A name not here may still be a region opened since, so live mode lets a
 * well-formed one through and explains it only if AWS does not answer there.
 */
export const awsRegions: readonly string[] = [
  ...Object.keys(commercialRegions),
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
    const serves = `it serves ${served.join(', ')}.`;
    if (commercialRegions[region]?.optIn)
      return `${region} is an opt-in AWS region, which the sandbox account has not enabled; ${serves}`;
    const known = awsRegions.includes(region)
      ? `${region} is an AWS region, but`
      : `"${region}" is not an AWS region, and`;
    return `${known} the sandbox account has no ${region}; ${serves}`;
  }
  return undefined;
}
