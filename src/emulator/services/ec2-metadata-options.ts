/**
 * An instance's metadata service options, as RunInstances sets them and DescribeInstances shows them: whether IMDSv2
 * tokens are required, and how many network hops the token's PUT response may travel.
 */
import { AwsError } from '../aws-error';
import type { QueryParams } from '../protocols/query';
import type { Instance } from '../state';
import type { XmlValue } from '../xml';
import type { SandboxImage } from './ec2-images';

/** The options RunInstances reads from `MetadataOptions.*`. */
export type MetadataOptions = Required<Pick<Instance, 'metadataHttpTokens' | 'metadataHopLimit'>>;

/**
 * An image marked `ImdsSupport: v2.0` (Amazon Linux 2023's) launches instances that require tokens with a hop limit
 * of 2, when the account sets no default of its own (EC2 API reference, `Image.ImdsSupport` and
 * `InstanceMetadataOptionsRequest.HttpTokens`); any other image launches them with tokens optional and a hop limit
 * of 1.
 */
function defaultsFor(image: SandboxImage): MetadataOptions {
  return image.imdsSupport === 'v2.0'
    ? { metadataHttpTokens: 'required', metadataHopLimit: 2 }
    : { metadataHttpTokens: 'optional', metadataHopLimit: 1 };
}

/** `MetadataOptions.HttpTokens` and `MetadataOptions.HttpPutResponseHopLimit`, else the image's defaults. */
export function readMetadataOptions(params: QueryParams, image: SandboxImage): MetadataOptions {
  const defaults = defaultsFor(image);
  const httpTokens = params.get('MetadataOptions.HttpTokens') ?? defaults.metadataHttpTokens;
  if (httpTokens !== 'optional' && httpTokens !== 'required')
    throw new AwsError('InvalidParameterValue', `Invalid value '${httpTokens}' for HttpTokens.`);
  const hopLimit = params.get('MetadataOptions.HttpPutResponseHopLimit');
  const metadataHopLimit = hopLimit === undefined ? defaults.metadataHopLimit : Number(hopLimit);
  if (!Number.isInteger(metadataHopLimit) || metadataHopLimit < 1 || metadataHopLimit > 64)
    throw new AwsError('InvalidParameterValue', `Invalid value '${hopLimit}' for HttpPutResponseHopLimit.`);
  return { metadataHttpTokens: httpTokens, metadataHopLimit };
}

/** DescribeInstances' `metadataOptions`: the options in force (an instance saved without a hop limit had 2). */
export function renderMetadataOptions(instance: Instance): XmlValue {
  return {
    state: 'applied',
    httpTokens: instance.metadataHttpTokens,
    httpPutResponseHopLimit: instance.metadataHopLimit ?? 2,
    httpEndpoint: 'enabled',
    httpProtocolIpv6: 'disabled',
    instanceMetadataTags: 'disabled',
  };
}
