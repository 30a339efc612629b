import { AwsError } from '../aws-error';
import { jsonEndpoint, type JsonService } from '../protocols/json';
import { amazonLinuxImageId } from './ec2-images';

/** The public parameters the sandbox knows: where AWS publishes the latest Amazon Linux image ids. */
function publicParameter(name: string, region: string): string | undefined {
  const prefix = '/aws/service/ami-amazon-linux-latest/';
  if (!name.startsWith(prefix)) return undefined;
  return /^(al2023-ami-(kernel-default|kernel-6\.1|minimal-kernel-default)-x86_64|amzn2-ami-hvm-x86_64-gp2)$/.test(
    name.slice(prefix.length),
  )
    ? amazonLinuxImageId(region)
    : undefined;
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
