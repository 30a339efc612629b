import {
  CreateDefaultSubnetCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { defaultSubnets, deleteDefaultVpc } from './default-vpc';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

describe('CreateDefaultSubnet', () => {
  it('refuses a zone that already has a default subnet, naming it', async () => {
    const { ec2 } = clientsFor();
    const [subnet] = await defaultSubnets(ec2);
    const answer = ec2.send(new CreateDefaultSubnetCommand({ AvailabilityZone: subnet!.AvailabilityZone }));
    expect(await errorOf(answer)).toMatchObject({
      name: 'DefaultSubnetAlreadyExistsInAvailabilityZone',
      message: `'${subnet!.SubnetId}' is already the default subnet in ${subnet!.AvailabilityZone}.`,
    });
  });

  it('makes a deleted default subnet again: the first free /20 of the default VPC, public IPs on launch', async () => {
    const { ec2 } = clientsFor();
    const [first] = await defaultSubnets(ec2);
    await ec2.send(new DeleteSubnetCommand({ SubnetId: first!.SubnetId }));
    const made = (await ec2.send(new CreateDefaultSubnetCommand({ AvailabilityZone: first!.AvailabilityZone })))
      .Subnet!;
    expect(made).toMatchObject({
      VpcId: first!.VpcId,
      CidrBlock: '172.31.0.0/20',
      AvailabilityZone: first!.AvailabilityZone,
      DefaultForAz: true,
      MapPublicIpOnLaunch: true,
    });
  });

  it('refuses when the region has no default VPC', async () => {
    const { ec2 } = clientsFor();
    await deleteDefaultVpc(ec2);
    expect(await errorOf(ec2.send(new CreateDefaultSubnetCommand({ AvailabilityZone: 'us-west-2a' })))).toMatchObject({
      name: 'DefaultVpcDoesNotExist',
      message: 'No default VPC exists for this account in this region.',
    });
  });
});

describe('CreateSubnet’s zone', () => {
  it('refuses a zone id of another region', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const answer = ec2.send(
      new CreateSubnetCommand({ VpcId, CidrBlock: '10.0.0.0/24', AvailabilityZoneId: 'use1-az6' }),
    );
    expect(await errorOf(answer)).toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringMatching(/^Value \(use1-az6\) for parameter availabilityZoneId is invalid\. .*usw2-az1/),
    });
  });
});
