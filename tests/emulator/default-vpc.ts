import {
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';

/** The region's default subnets. */
export async function defaultSubnets(ec2: EC2Client) {
  const filter = { Name: 'default-for-az', Values: ['true'] };
  return (await ec2.send(new DescribeSubnetsCommand({ Filters: [filter] }))).Subnets!;
}

/** Deletes the region's default VPC the way a learner must: its subnets and internet gateway first. */
export async function deleteDefaultVpc(ec2: EC2Client): Promise<void> {
  const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  const VpcId = vpcs.Vpcs![0]!.VpcId!;
  for (const subnet of await defaultSubnets(ec2))
    await ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId }));
  const filter = { Name: 'attachment.vpc-id', Values: [VpcId] };
  const [igw] = (await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [filter] }))).InternetGateways!;
  await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw!.InternetGatewayId, VpcId }));
  await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw!.InternetGatewayId }));
  await ec2.send(new DeleteVpcCommand({ VpcId }));
}
