import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteRouteCommand,
  DescribeNetworkAclsCommand,
  type EC2Client,
  ModifySubnetAttributeCommand,
  ReplaceNetworkAclAssociationCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { addressOfHost, learnerAddress, reachInstance } from '../../src/emulator/instance-reachability';
import { launchInstance } from './launched-instance';
import { clientsFor, useSandbox } from './sandbox-clients';

const sandbox = useSandbox();

/** Exercise 3's network: a VPC, a public subnet routed to an attached gateway, a group, and an instance in it. */
async function webServer(ec2: EC2Client, sshFrom: string | null = '0.0.0.0/0') {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
  const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.1.0/24' }))).Subnet!
    .SubnetId!;
  await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }));
  const gatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: vpcId }));
  const routeTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  await ec2.send(
    new CreateRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: gatewayId }),
  );
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: routeTableId, SubnetId: subnetId }));
  const groupId = (
    await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'exercise3-sg', Description: 'web', VpcId: vpcId }))
  ).GroupId!;
  if (sshFrom)
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        CidrIp: sshFrom,
      }),
    );
  const instance = await launchInstance(ec2, { SubnetId: subnetId, SecurityGroupIds: [groupId] });
  return { vpcId, subnetId, gatewayId, routeTableId, groupId, instance, host: instance.PublicIpAddress! };
}

describe('reachInstance', () => {
  it('reaches a running instance in a public subnet whose group lets the port in', async () => {
    const { ec2 } = clientsFor();
    const { instance, host } = await webServer(ec2);
    const reach = reachInstance(sandbox().state, { host, port: 22 });
    expect(reach).toMatchObject({ reached: true, region: 'us-west-2', instance: { instanceId: instance.InstanceId } });
  });

  it('reaches it by its public DNS name too', async () => {
    const { ec2 } = clientsFor();
    const { host } = await webServer(ec2);
    const dns = `ec2-${host.replace(/\./g, '-')}.us-west-2.compute.amazonaws.com`;
    expect(addressOfHost(dns)).toBe(host);
    expect(reachInstance(sandbox().state, { host: dns, port: 22 }).reached).toBe(true);
  });

  it("says the group lacks the port when no rule lets it in, naming the group and the learner's address", async () => {
    const { ec2 } = clientsFor();
    const { host, groupId } = await webServer(ec2);
    const reach = reachInstance(sandbox().state, { host, port: 80 });
    expect(reach).toMatchObject({ reached: false, failure: { rule: 'security-group' } });
    if (reach.reached) return;
    expect(reach.failure.explanation).toContain(groupId);
    expect(reach.failure.explanation).toContain(`tcp/80 in from your address ${learnerAddress}`);
  });

  it("lets in a rule for the learner's own address, and not one for another address", async () => {
    const { ec2 } = clientsFor();
    const mine = await webServer(ec2, `${learnerAddress}/32`);
    expect(reachInstance(sandbox().state, { host: mine.host, port: 22 }).reached).toBe(true);
    const theirs = await webServer(ec2, '203.0.113.0/24');
    expect(reachInstance(sandbox().state, { host: theirs.host, port: 22 })).toMatchObject({
      failure: { rule: 'security-group' },
    });
  });

  it('says the subnet has no route to the internet once the route to the gateway is deleted', async () => {
    const { ec2 } = clientsFor();
    const { host, routeTableId } = await webServer(ec2);
    await ec2.send(new DeleteRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: '0.0.0.0/0' }));
    const reach = reachInstance(sandbox().state, { host, port: 22 });
    expect(reach).toMatchObject({ reached: false, failure: { rule: 'no-internet-route' } });
    if (!reach.reached) expect(reach.failure.explanation).toContain(routeTableId);
  });

  it('says a route to a NAT gateway does not make the subnet public', async () => {
    const { ec2 } = clientsFor();
    const { host, routeTableId, subnetId } = await webServer(ec2);
    const allocationId = (await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId!;
    const natId = (await ec2.send(new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: allocationId })))
      .NatGateway!.NatGatewayId!;
    await ec2.send(new DeleteRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: '0.0.0.0/0' }));
    await ec2.send(
      new CreateRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natId }),
    );
    const reach = reachInstance(sandbox().state, { host, port: 22 });
    expect(reach).toMatchObject({ reached: false, failure: { rule: 'no-internet-route' } });
    if (!reach.reached) expect(reach.failure.explanation).toContain(`to ${natId}, not to an internet gateway`);
  });

  it('says the gateway is not attached when the route names one the VPC no longer has', async () => {
    const { ec2 } = clientsFor();
    const { host, vpcId, gatewayId } = await webServer(ec2);
    sandbox().state.accounts[Object.keys(sandbox().state.accounts)[0]!]!.regions['us-west-2']!.internetGateways[
      gatewayId
    ]!.attachedVpcId = null;
    const reach = reachInstance(sandbox().state, { host, port: 22 });
    expect(reach).toMatchObject({ reached: false, failure: { rule: 'gateway-detached' } });
    if (!reach.reached) expect(reach.failure.explanation).toContain(`${gatewayId}, which is not attached to ${vpcId}`);
  });

  it("says the subnet's network ACL refuses the port, or the replies out, with the rule that did", async () => {
    const { ec2 } = clientsFor();
    const { host, vpcId, subnetId } = await webServer(ec2);
    const aclId = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId }))).NetworkAcl!.NetworkAclId!;
    const current = await ec2.send(
      new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
    );
    const associationId = current.NetworkAcls![0]!.Associations!.find((a) => a.SubnetId === subnetId)!
      .NetworkAclAssociationId!;
    await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: associationId, NetworkAclId: aclId }));
    const denied = reachInstance(sandbox().state, { host, port: 22 });
    expect(denied).toMatchObject({ reached: false, failure: { rule: 'network-acl' } });
    if (!denied.reached)
      expect(denied.failure.explanation).toContain(`denies tcp/22 in from ${learnerAddress}, by its * rule`);
    const entry = { NetworkAclId: aclId, Protocol: '6', RuleAction: 'allow' as const, CidrBlock: '0.0.0.0/0' };
    await ec2.send(
      new CreateNetworkAclEntryCommand({ ...entry, RuleNumber: 100, Egress: false, PortRange: { From: 22, To: 22 } }),
    );
    const repliesDenied = reachInstance(sandbox().state, { host, port: 22 });
    if (!repliesDenied.reached) expect(repliesDenied.failure.explanation).toContain('the replies out to');
    expect(repliesDenied.reached).toBe(false);
    await ec2.send(
      new CreateNetworkAclEntryCommand({
        ...entry,
        RuleNumber: 100,
        Egress: true,
        PortRange: { From: 1024, To: 65535 },
      }),
    );
    expect(reachInstance(sandbox().state, { host, port: 22 }).reached).toBe(true);
  });

  it('says a stopped instance that keeps its Elastic IP is not running', async () => {
    const { ec2 } = clientsFor();
    const { instance } = await webServer(ec2);
    const address = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await ec2.send(
      new AssociateAddressCommand({ AllocationId: address.AllocationId, InstanceId: instance.InstanceId }),
    );
    await ec2.send(new StopInstancesCommand({ InstanceIds: [instance.InstanceId!] }));
    const reach = reachInstance(sandbox().state, { host: address.PublicIp!, port: 22 });
    expect(reach).toMatchObject({ reached: false, failure: { rule: 'not-running', instanceId: instance.InstanceId } });
  });

  it('says a private address is reachable only inside the VPC, and an unknown one is nobody', async () => {
    const { ec2 } = clientsFor();
    const { instance } = await webServer(ec2);
    expect(reachInstance(sandbox().state, { host: instance.PrivateIpAddress!, port: 22 })).toMatchObject({
      failure: { rule: 'private-address', instanceId: instance.InstanceId },
    });
    expect(reachInstance(sandbox().state, { host: '203.0.113.99', port: 22 })).toMatchObject({
      failure: { rule: 'no-such-address' },
    });
  });
});
