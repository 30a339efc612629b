import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { amazonLinuxImageId } from '../../src/emulator/services/ec2-images';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const latest = '/aws/service/ami-amazon-linux-latest';
const arm64Image = amazonLinuxImageId('us-west-2', 'arm64');
const x86Image = amazonLinuxImageId('us-west-2');

function launch(input: { ImageId: string; InstanceType?: string }, region = 'us-west-2') {
  const { ec2 } = clientsFor(undefined, region);
  return ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, ...input } as never));
}

describe('Amazon Linux 2023 for arm64', () => {
  it('is published under SSM parameters of its own, apart from the x86_64 image', async () => {
    const { ssm } = clientsFor();
    const value = async (name: string) => (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter!.Value;
    expect(await value(`${latest}/al2023-ami-kernel-default-arm64`)).toBe(arm64Image);
    expect(await value(`${latest}/al2023-ami-kernel-default-x86_64`)).toBe(x86Image);
    expect(arm64Image).not.toBe(x86Image);
  });

  it('is found by DescribeImages with the architecture filter, with its 8 GiB gp3 root device', async () => {
    const { ec2 } = clientsFor();
    const images = (
      await ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'architecture', Values: ['arm64'] }] }))
    ).Images!;
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({
      ImageId: arm64Image,
      Architecture: 'arm64',
      RootDeviceName: '/dev/xvda',
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8, VolumeType: 'gp3', DeleteOnTermination: true } },
      ],
    });
  });
});

describe('RunInstances and the image it launches', () => {
  it('launches a t4g.micro from the arm64 image an SSM parameter names, and describes it as arm64', async () => {
    const { ec2 } = clientsFor();
    const launched = await launch({
      ImageId: `resolve:ssm:${latest}/al2023-ami-kernel-default-arm64`,
      InstanceType: 't4g.micro',
    });
    const id = launched.Instances![0]!.InstanceId!;
    const described = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!
      .Instances![0]!;
    expect(described).toMatchObject({ ImageId: arm64Image, Architecture: 'arm64', InstanceType: 't4g.micro' });
  });

  it('resolves the x86_64 parameter to the x86_64 image', async () => {
    const launched = await launch({
      ImageId: `resolve:ssm:${latest}/al2023-ami-kernel-default-x86_64`,
      InstanceType: 't3.micro',
    });
    expect(launched.Instances![0]).toMatchObject({ ImageId: x86Image, Architecture: 'x86_64' });
  });

  it('refuses an SSM parameter that does not exist', async () => {
    const error = await errorOf(launch({ ImageId: 'resolve:ssm:/no/such/parameter', InstanceType: 't3.micro' }));
    expect(error.name).toBe('InvalidParameterValue');
  });

  it('refuses an arm64 type with an x86_64 image, naming both architectures', async () => {
    expect(await errorOf(launch({ ImageId: x86Image, InstanceType: 'm7g.large' }))).toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringMatching(
        /^The architecture 'arm64' of the specified instance type does not match the architecture 'x86_64' of the specified AMI\./,
      ),
    });
  });

  it('refuses an x86_64 type with an arm64 image', async () => {
    expect((await errorOf(launch({ ImageId: arm64Image, InstanceType: 't3.micro' }))).message).toMatch(
      /^The architecture 'x86_64' of the specified instance type does not match the architecture 'arm64'/,
    );
  });

  it('launches the HVM Amazon Linux image as m1.small, the default, without an instance type', async () => {
    const { Instances } = await launch({ ImageId: x86Image });
    expect(Instances![0]!.InstanceType).toBe('m1.small');
  });

  it('launches the previous generation t1.micro where the region still offers it', async () => {
    const { Instances } = await launch({ ImageId: x86Image, InstanceType: 't1.micro' });
    expect(Instances![0]!.InstanceType).toBe('t1.micro');
  });

  it('answers Unsupported for m1.small in a region that no longer offers it', async () => {
    const error = await errorOf(launch({ ImageId: amazonLinuxImageId('eu-north-1') }, 'eu-north-1'));
    expect(error.name).toBe('Unsupported');
  });
});

describe('RunInstances with the private address asked for', () => {
  const inDefaultSubnet = async (PrivateIpAddress: string, MaxCount = 1) =>
    launch({ ImageId: x86Image, InstanceType: 't3.micro', PrivateIpAddress, MaxCount } as never);

  it('gives the instance the address asked for in its subnet', async () => {
    const launched = await inDefaultSubnet('172.31.0.42');
    expect(launched.Instances![0]!.PrivateIpAddress).toBe('172.31.0.42');
  });

  it("refuses an address outside the subnet's range", async () => {
    expect(await errorOf(inDefaultSubnet('10.0.0.1'))).toMatchObject({
      name: 'InvalidParameterValue',
      message: "Address 10.0.0.1 does not fall within the subnet's address range",
    });
  });

  it('refuses one of the addresses AWS reserves at the start of the subnet', async () => {
    expect(await errorOf(inDefaultSubnet('172.31.0.3'))).toMatchObject({
      name: 'InvalidParameterValue',
      message: "Address 172.31.0.3 is in subnet's reserved address range",
    });
  });

  it('refuses an address another instance holds', async () => {
    await inDefaultSubnet('172.31.0.50');
    expect(await errorOf(inDefaultSubnet('172.31.0.50'))).toMatchObject({
      name: 'InvalidIPAddress.InUse',
      message: 'Address 172.31.0.50 is in use.',
    });
  });

  it('refuses one address for several instances', async () => {
    expect((await errorOf(inDefaultSubnet('172.31.0.60', 2))).name).toBe('InvalidParameterCombination');
  });
});

describe('RunInstances with a network interface', () => {
  it('refuses an instance-level subnet beside the interface', async () => {
    const error = await errorOf(
      launch({
        ImageId: x86Image,
        InstanceType: 't3.micro',
        SubnetId: 'subnet-12345678',
        NetworkInterfaces: [{ DeviceIndex: 0 }],
      } as never),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterCombination',
      message: 'Network interfaces and an instance-level subnet ID may not be specified on the same request',
    });
  });
});

describe('RunInstances in a zone of another region', () => {
  it('refuses the zone as invalid', async () => {
    const error = await errorOf(
      launch({ ImageId: x86Image, InstanceType: 't3.micro', Placement: { AvailabilityZone: 'us-west-1b' } } as never),
    );
    expect(error).toMatchObject({ name: 'InvalidParameterValue', message: 'Invalid availability zone: [us-west-1b]' });
  });
});

describe('RunInstances with the primary address of its interface', () => {
  it('gives the instance the address its interface marks primary', async () => {
    const { ec2 } = clientsFor();
    const subnet = (await ec2.send(new DescribeSubnetsCommand({}))).Subnets![0]!;
    const launched = await launch({
      ImageId: x86Image,
      InstanceType: 't3.micro',
      NetworkInterfaces: [
        {
          DeviceIndex: 0,
          SubnetId: subnet.SubnetId,
          PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: subnet.CidrBlock!.replace(/\.0\/\d+$/, '.77') }],
        },
      ],
    } as never);
    expect(launched.Instances![0]!.PrivateIpAddress).toBe(subnet.CidrBlock!.replace(/\.0\/\d+$/, '.77'));
  });
});

describe('RunInstances and the metadata service options', () => {
  const tokensOf = async (instanceId: string) => {
    const { ec2 } = clientsFor();
    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    return described.Reservations![0]!.Instances![0]!.MetadataOptions;
  };

  it('requires IMDSv2 tokens on an instance of an image marked ImdsSupport v2.0, as Amazon Linux 2023 is', async () => {
    const { ec2 } = clientsFor();
    const image = (await ec2.send(new DescribeImagesCommand({ ImageIds: [x86Image] }))).Images![0]!;
    expect(image.ImdsSupport).toBe('v2.0');
    const instance = (await launch({ ImageId: x86Image, InstanceType: 't3.micro' })).Instances![0]!;
    expect(await tokensOf(instance.InstanceId!)).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 2 });
  });

  it('keeps tokens optional when the launch asks for it', async () => {
    const { ec2 } = clientsFor();
    const launched = await ec2.send(
      new RunInstancesCommand({
        ImageId: x86Image,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        MetadataOptions: { HttpTokens: 'optional' },
      }),
    );
    expect(await tokensOf(launched.Instances![0]!.InstanceId!)).toMatchObject({
      HttpTokens: 'optional',
      HttpPutResponseHopLimit: 2,
    });
  });

  it('keeps the hop limit the launch asks for', async () => {
    const { ec2 } = clientsFor();
    const launched = await ec2.send(
      new RunInstancesCommand({
        ImageId: x86Image,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        MetadataOptions: { HttpPutResponseHopLimit: 1 },
      }),
    );
    expect(await tokensOf(launched.Instances![0]!.InstanceId!)).toMatchObject({
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 1,
    });
  });

  it('refuses a hop limit outside 1 to 64', async () => {
    const { ec2 } = clientsFor();
    const refused = await errorOf(
      ec2.send(
        new RunInstancesCommand({
          ImageId: x86Image,
          InstanceType: 't3.micro',
          MinCount: 1,
          MaxCount: 1,
          MetadataOptions: { HttpPutResponseHopLimit: 65 },
        }),
      ),
    );
    expect(refused).toMatchObject({ name: 'InvalidParameterValue', status: 400 });
  });

  it('keeps tokens optional and the hop limit at 1 for an image not marked ImdsSupport v2.0', async () => {
    const instance = (await launch({ ImageId: 'ami-12345678', InstanceType: 't3.micro' })).Instances![0]!;
    expect(await tokensOf(instance.InstanceId!)).toMatchObject({ HttpTokens: 'optional', HttpPutResponseHopLimit: 1 });
  });
});
