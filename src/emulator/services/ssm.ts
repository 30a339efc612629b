import { AwsError } from '../aws-error';
import { jsonEndpoint, type JsonService } from '../protocols/json';
import { amazonLinuxImageId } from './ec2-images';

/** The public parameters the sandbox knows, by name after the prefix: Amazon Linux's latest image, per architecture. */
const amazonLinuxParameter =
  /^(?:al2023-ami-(?:kernel-default|kernel-6\.1|kernel-6\.12|minimal-kernel-default)-(x86_64|arm64)|amzn2-ami-hvm-(x86_64|arm64)-gp2)$/;

/**
 * The value of a public parameter: where AWS publishes the latest Amazon Linux image ids (each name gets the
 * sandbox's Amazon Linux 2023 image of its architecture). Undefined for any other name.
 */
export function publicParameter(name: string, region: string): string | undefined {
  const prefix = '/aws/service/ami-amazon-linux-latest/';
  if (!name.startsWith(prefix)) return undefined;
  const match = amazonLinuxParameter.exec(name.slice(prefix.length));
  if (!match) return undefined;
  return amazonLinuxImageId(region, (match[1] ?? match[2]) as 'x86_64' | 'arm64');
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
        return {
          Parameter: {
            Name: name,
            Type: 'String',
            Value: value,
            Version: 1,
            LastModifiedDate: Date.UTC(2025, 10, 17) / 1000,
            ARN: `arn:aws:ssm:${ctx.region}::parameter${name}`,
            DataType: 'aws:ec2:image',
          },
        };
      },
    },
  },
};

export const ssmEndpoint = jsonEndpoint(ssmService);
