/** IPv4 CIDR block parameters as EC2 reads them. */
import { type CidrBlock, isCidrError, parseAddress, parseCidr } from '../../cidr/cidr';
import { AwsError } from '../aws-error';

/**
 * A CIDR block parameter in its canonical form, or the error EC2 gives for one that is not a CIDR block, which names
 * the parameter as the wire does (`cidrBlock` for `CidrBlock`). Host bits that are set are cleared, as EC2 does:
 * "if you specify 100.68.0.18/18, we modify it to 100.68.0.0/18" (EC2 API reference: CreateVpc, CreateSubnet,
 * CreateRoute, CreateNetworkAclEntry).
 */
export function parseBlock(text: string, parameter: string): CidrBlock {
  const block = parseCidr(text);
  if (!isCidrError(block)) return block;
  if (block.code === 'host-bits-set') {
    const slash = text.indexOf('/');
    const address = parseAddress(text.slice(0, slash)) as number;
    const prefix = Number(text.slice(slash + 1));
    return { network: address - (address % 2 ** (32 - prefix)), prefix };
  }
  const wireName = parameter.charAt(0).toLowerCase() + parameter.slice(1);
  throw new AwsError(
    'InvalidParameterValue',
    `Value (${text}) for parameter ${wireName} is invalid. This is not a valid CIDR block.`,
  );
}
