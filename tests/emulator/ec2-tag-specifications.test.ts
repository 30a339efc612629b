import { CreateSubnetCommand, CreateVolumeCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const { ec2 } = clientsFor();

const subnetWith = async (TagSpecifications: unknown) => {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  return ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.0.0/24', TagSpecifications } as never));
};

describe('TagSpecification on a create operation', () => {
  it('refuses a specification without a resource type', async () => {
    const error = await errorOf(subnetWith([{ Tags: [{ Key: 'team', Value: 'web' }] }]));
    expect(error).toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Tag specification resource type must have a value',
    });
  });

  it('refuses a resource type the operation cannot tag', async () => {
    const error = await errorOf(subnetWith([{ ResourceType: 'snapshot', Tags: [{ Key: 'team', Value: 'web' }] }]));
    expect(error).toMatchObject({
      name: 'InvalidParameter',
      message: "'snapshot' is not a valid taggable resource type for this operation.",
    });
  });

  it('refuses a specification without tags', async () => {
    const error = await errorOf(
      ec2.send(
        new CreateVolumeCommand({
          AvailabilityZone: 'us-west-2a',
          Size: 8,
          TagSpecifications: [{ ResourceType: 'volume', Tags: [] }],
        }),
      ),
    );
    expect(error).toMatchObject({
      name: 'InvalidTagKey.Malformed',
      message: 'Tag specification must have at least one tag',
    });
  });
});
