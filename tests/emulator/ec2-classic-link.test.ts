import {
  CreateVpcCommand,
  DescribeVpcClassicLinkCommand,
  DescribeVpcClassicLinkDnsSupportCommand,
  DisableVpcClassicLinkCommand,
  EnableVpcClassicLinkCommand,
  EnableVpcClassicLinkDnsSupportCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const unsupported = {
  name: 'UnsupportedOperation',
  message: 'The functionality you requested is not available in this region.',
  status: 400,
};
const disabled = { name: 'AuthFailure', message: 'This request has been administratively disabled.', status: 403 };

describe('ClassicLink in an account without EC2-Classic', () => {
  it('refuses to enable ClassicLink for a VPC with UnsupportedOperation', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    expect(await errorOf(ec2.send(new EnableVpcClassicLinkCommand({ VpcId })))).toMatchObject(unsupported);
  });

  it('refuses to disable ClassicLink with UnsupportedOperation', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    expect(await errorOf(ec2.send(new DisableVpcClassicLinkCommand({ VpcId })))).toMatchObject(unsupported);
  });

  it('refuses to describe VPCs’ ClassicLink status with UnsupportedOperation', async () => {
    const { ec2 } = clientsFor();
    expect(await errorOf(ec2.send(new DescribeVpcClassicLinkCommand({})))).toMatchObject(unsupported);
  });

  it('refuses ClassicLink DNS support as administratively disabled (AuthFailure, 403)', async () => {
    const { ec2 } = clientsFor();
    const VpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    expect(await errorOf(ec2.send(new EnableVpcClassicLinkDnsSupportCommand({ VpcId })))).toMatchObject(disabled);
    expect(await errorOf(ec2.send(new DescribeVpcClassicLinkDnsSupportCommand({})))).toMatchObject(disabled);
  });
});
