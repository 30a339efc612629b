/** IPv4 CIDR block parameters as EC2 reads them. */
import { type CidrBlock, type CidrError, isCidrError, parseAddress, parseCidr } from '../../cidr/cidr';
import { AwsError } from '../aws-error';

/**
 * A block in its canonical form, host bits that are set cleared as EC2 clears them: "if you specify 100.68.0.18/18,
 * we modify it to 100.68.0.0/18" (EC2 API reference: CreateVpc, CreateSubnet, CreateRoute, CreateNetworkAclEntry;
 * security group rules alike). The parse error for text that is not a CIDR block at all.
 */
export function canonicalBlock(text: string): CidrBlock | CidrError {
  const block = parseCidr(text);
  if (!isCidrError(block) || block.code !== 'host-bits-set') return block;
  const slash = text.indexOf('/');
  const address = parseAddress(text.slice(0, slash)) as number;
  const prefix = Number(text.slice(slash + 1));
  return { network: address - (address % 2 ** (32 - prefix)), prefix };
}

/**
 * A CIDR block parameter in its canonical form ({@link canonicalBlock}), or the error EC2 gives for one that is not a
 * CIDR block, which names the parameter as the wire does (`cidrBlock` for `CidrBlock`).
 */
export function parseBlock(text: string, parameter: string): CidrBlock {
  const block = canonicalBlock(text);
  if (!isCidrError(block)) return block;
  const wireName = parameter.charAt(0).toLowerCase() + parameter.slice(1);
  throw new AwsError(
    'InvalidParameterValue',
    `Value (${text}) for parameter ${wireName} is invalid. This is not a valid CIDR block.`,
  );
}
