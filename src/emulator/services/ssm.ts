import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { jsonEndpoint, type JsonService } from '../protocols/json';
import { amazonLinuxImageId, type ImageArchitecture } from './ec2-images';

/** Where AWS publishes the latest Amazon Linux image ids. */
const amazonLinuxPath = '/aws/service/ami-amazon-linux-latest';

/** The image names AWS keeps a latest-id parameter for, each with the architecture `-${arch}` ends it with. */
const amazonLinuxNames = [
  'al2023-ami-kernel-default',
  'al2023-ami-kernel-6.1',
  'al2023-ami-kernel-6.12',
  'al2023-ami-minimal-kernel-default',
  'amzn2-ami-hvm',
];

/** The public parameters the sandbox knows, by full name, with the architecture of the image each names. */
const publicParameters: ReadonlyMap<string, ImageArchitecture> = new Map(
  amazonLinuxNames.flatMap((name) =>
    (['x86_64', 'arm64'] as const).map((arch): [string, ImageArchitecture] => [
      name === 'amzn2-ami-hvm' ? `${amazonLinuxPath}/${name}-${arch}-gp2` : `${amazonLinuxPath}/${name}-${arch}`,
      arch,
    ]),
  ),
);

/**
 * The value of a public parameter: where AWS publishes the latest Amazon Linux image ids (each name gets the
 * sandbox's Amazon Linux 2023 image of its architecture). Undefined for any other name.
 */
export function publicParameter(name: string, region: string): string | undefined {
  const architecture = publicParameters.get(name);
  return architecture === undefined ? undefined : amazonLinuxImageId(region, architecture);
}

/** A parameter as GetParameter and GetParametersByPath render it: AWS's public AMI parameters are of data type text. */
function renderParameter(name: string, value: string, ctx: ServiceContext) {
  return {
    Name: name,
    Type: 'String',
    Value: value,
    Version: 1,
    LastModifiedDate: Date.UTC(2025, 10, 17) / 1000,
    ARN: `arn:aws:ssm:${ctx.region}::parameter${name}`,
    DataType: 'text',
  };
}

/** SSM's answer to a hierarchy path it cannot read (not starting with `/`, other symbols, past 15 levels). */
const badPath = new AwsError(
  'ValidationException',
  'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". ' +
    'It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, numbers, or the ' +
    'following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, ' +
    'if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.',
  400,
);

/** A hierarchy path as GetParametersByPath reads it: `/`, or up to 15 `/`-led levels of letters, digits and `._-`. */
const hierarchyPath = /^\/(?:[\w.-]+(?:\/[\w.-]+){0,14}\/?)?$/;

/** GetParametersByPath's page size: 10 unless asked for fewer, never more. */
function maxResultsOf(value: unknown): number {
  if (value === undefined) return 10;
  const count = Number(value);
  const bound = count < 1 ? 'greater than or equal to 1' : count > 10 ? 'less than or equal to 10' : undefined;
  if (bound === undefined) return count;
  throw new AwsError(
    'ValidationException',
    `1 validation error detected: Value '${count}' at 'maxResults' failed to satisfy constraint: Member must have ` +
      `value ${bound}`,
    400,
  );
}

/** Where a page starts: SSM's tokens are opaque; the sandbox's encode the offset. */
function offsetOf(token: unknown): number {
  if (token === undefined) return 0;
  const decoded = /^sandbox-ssm-(\d+)$/.exec(typeof token === 'string' ? safeAtob(token) : '');
  if (!decoded) throw new AwsError('InvalidNextToken', 'The specified token is not valid.', 400);
  return Number(decoded[1]);
}

function safeAtob(text: string): string {
  try {
    return atob(text);
  } catch {
    return '';
  }
}

/** The public parameters under `path`: its direct children, or every level below it when `recursive`. */
function parametersUnder(path: string, recursive: boolean): string[] {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  return [...publicParameters.keys()]
    .filter((name) => name.startsWith(prefix) && (recursive || !name.slice(prefix.length).includes('/')))
    .sort();
}

/** SSM Parameter Store, for the one thing the course reads from it: the latest Amazon Linux AMI id. */
export const ssmService: JsonService = {
  signingName: 'ssm',
  actionPrefix: 'ssm',
  targetPrefix: 'AmazonSSM',
  operations: {
    GetParameter: {
      resource: (input, ctx) => `arn:aws:ssm:${ctx.region}::parameter${String(input.Name ?? '')}`,
      run(input, ctx) {
        const name = input.Name;
        if (typeof name !== 'string' || name === '') {
          throw new AwsError(
            'ValidationException',
            "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
            400,
          );
        }
        const value = publicParameter(name, ctx.region);
        if (value === undefined) throw new AwsError('ParameterNotFound', '', 400);
        return { Parameter: renderParameter(name, value, ctx) };
      },
    },
    GetParametersByPath: {
      resource: (input, ctx) => `arn:aws:ssm:${ctx.region}::parameter${String(input.Path ?? '')}`,
      run(input, ctx) {
        const path = input.Path;
        if (typeof path !== 'string' || !hierarchyPath.test(path)) throw badPath;
        const maxResults = maxResultsOf(input.MaxResults);
        const start = offsetOf(input.NextToken);
        const names = parametersUnder(path, input.Recursive === true);
        const end = start + maxResults;
        return {
          Parameters: names
            .slice(start, end)
            .map((name) => renderParameter(name, publicParameter(name, ctx.region)!, ctx)),
          NextToken: end < names.length ? btoa(`sandbox-ssm-${end}`) : undefined,
        };
      },
    },
  },
};

export const ssmEndpoint = jsonEndpoint(ssmService);
