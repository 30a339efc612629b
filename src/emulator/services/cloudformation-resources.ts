/**
 * The resource types CloudFormation can build in the sandbox. Each is made and removed by calling the sandbox's own
 * EC2 operations in-process with the same wire parameters the SDK would send, so every check EC2 makes (CIDR ranges,
 * ids, dependencies, permissions) applies to a stack exactly as it does to a learner's CLI call.
 */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { QueryParams, runQueryOperation } from '../protocols/query';
import { zoneIdOf } from '../regions';
import type { Tag } from '../state';
import { Flattened, type XmlValue } from '../xml';
import { isTemplateObject, type Resolved, type TemplateObject } from './cloudformation-template';
import { ec2Service } from './ec2';
import { aclOfSubnet, networkAclsOf } from './ec2-default-network-acls';
import { regionOf } from './ec2-default-vpc';
import { lookup } from './ec2-ids';
import { networkResourceHandlers } from './cloudformation-network-resources';

/** A resource's `Properties` after intrinsic functions, read with CloudFormation's validation messages. */
export class Properties {
  constructor(
    private readonly logicalId: string,
    private readonly values: TemplateObject,
    private readonly path = '#',
  ) {}

  private invalid(detail: string): AwsError {
    return new AwsError(
      'ValidationError',
      `Properties validation failed for resource ${this.logicalId} with message: ${detail}`,
    );
  }

  private typeError(name: string, expected: string, value: Resolved): AwsError {
    const found = Array.isArray(value)
      ? 'JSONArray'
      : isTemplateObject(value)
        ? 'JSONObject'
        : value === null
          ? 'Null'
          : typeof value === 'string'
            ? 'String'
            : typeof value === 'number'
              ? 'Number'
              : 'Boolean';
    return this.invalid(`${this.path}/${name}: expected type: ${expected}, found: ${found}`);
  }

  /** A string property (numbers and booleans are read as their text, as CloudFormation does), or undefined. */
  text(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined) return undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw this.typeError(name, 'String', value);
  }

  /** A string property the resource cannot be made without. */
  requireText(name: string): string {
    const value = this.text(name);
    if (value === undefined) throw this.invalid(`${this.path}: required key [${name}] not found`);
    return value;
  }

  /** A boolean property (`true`, `"true"`, ...), or undefined. */
  flag(name: string): boolean | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') throw this.typeError(name, 'Boolean', value);
    return value === 'true';
  }

  /** A list-of-strings property; absent is empty. */
  texts(name: string): string[] {
    const value = this.values[name];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw this.typeError(name, 'JSONArray', value);
    return value.map((item, index) => {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
      throw this.typeError(`${name}/${index}`, 'String', item);
    });
  }

  /** A JSON document property (a policy), given as an object or as its text; its text, or undefined. */
  document(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || typeof value === 'string') return value;
    if (!isTemplateObject(value)) throw this.typeError(name, 'JSONObject', value);
    return JSON.stringify(value);
  }

  /** A nested object property, or undefined. */
  object(name: string): Properties | undefined {
    const value = this.values[name];
    if (value === undefined) return undefined;
    if (!isTemplateObject(value)) throw this.typeError(name, 'JSONObject', value);
    return new Properties(this.logicalId, value, `${this.path}/${name}`);
  }

  /** A list-of-objects property; absent is empty. */
  objects(name: string): Properties[] {
    const value = this.values[name];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw this.typeError(name, 'JSONArray', value);
    return value.map((item, index) => {
      if (!isTemplateObject(item)) throw this.typeError(`${name}/${index}`, 'JSONObject', item);
      return new Properties(this.logicalId, item, `${this.path}/${name}/${index}`);
    });
  }

  /** The `Tags` property: a list of `{ Key, Value }`. */
  tags(): Tag[] {
    return this.objects('Tags').map((tag) => ({ Key: tag.requireText('Key'), Value: tag.requireText('Value') }));
  }
}

/** What a handler is given to create one resource. */
export interface CreateRequest {
  logicalId: string;
  stackName: string;
  properties: Properties;
  /** The tags to give a taggable resource: the stack's, overridden by the template's. */
  tags: Tag[];
  ctx: ServiceContext;
  /** Called as soon as the resource exists, so that a failure in a later step still deletes it on rollback. */
  created(physicalId: string): void;
}

/** A resource a handler made. */
export interface HandlerResult {
  physicalId: string;
  /** What `Fn::GetAtt` gives, by attribute name. */
  attributes: Record<string, Resolved>;
  /** The EC2 resource's own tag list, for CloudFormation's `aws:cloudformation:*` tags; absent for untaggable types. */
  stateTags?: Tag[];
}

/** How CloudFormation creates and deletes one resource type. */
export interface ResourceHandler {
  /** The attributes `Fn::GetAtt` may read, checked when the template is read. */
  attributes: readonly string[];
  create(request: CreateRequest): Promise<HandlerResult>;
  delete(physicalId: string, ctx: ServiceContext): Promise<void>;
}

/** EC2 wire parameters, as the SDK would send them. */
export type WireParams = Record<string, string | number | boolean | undefined>;

/** Runs an EC2 operation as the caller: the caller's IAM policies must allow it, as on AWS. */
export function callEc2(ctx: ServiceContext, action: string, wire: WireParams): Promise<XmlValue> {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(wire)) if (value !== undefined) values.set(key, String(value));
  return runQueryOperation(ec2Service, action, new QueryParams(values, ec2Service.dialect), ctx);
}

/** The element at `path` inside an EC2 answer (object keys and list indexes), or undefined. */
function at(value: XmlValue, ...path: (string | number)[]): XmlValue {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') current = Array.isArray(current) ? (current as readonly XmlValue[])[step] : undefined;
    else if (
      typeof current === 'object' &&
      current !== null &&
      !Array.isArray(current) &&
      !(current instanceof Date) &&
      !(current instanceof Flattened)
    ) {
      current = (current as { readonly [key: string]: XmlValue })[step];
    } else current = undefined;
  }
  return current;
}

/** The text at `path` inside an EC2 answer; the sandbox's own answers always have it, so a gap is a bug. */
export function textAt(value: XmlValue, ...path: (string | number)[]): string {
  const found = at(value, ...path);
  if (typeof found !== 'string') throw new Error(`EC2 answer has no text at ${path.join('.')}`);
  return found;
}

/** A new resource's tags as EC2's `TagSpecification.1` parameters. */
export function tagSpecification(resourceType: string, tags: Tag[]): WireParams {
  const wire: WireParams = {};
  if (tags.length === 0) return wire;
  wire['TagSpecification.1.ResourceType'] = resourceType;
  tags.forEach((tag, index) => {
    wire[`TagSpecification.1.Tag.${index + 1}.Key`] = tag.Key;
    wire[`TagSpecification.1.Tag.${index + 1}.Value`] = tag.Value;
  });
  return wire;
}

/** A list as EC2's numbered parameters: `Name.1`, `Name.2`, .... */
export function numbered(name: string, values: string[]): WireParams {
  return Object.fromEntries(values.map((value, index) => [`${name}.${index + 1}`, value]));
}

/** A name CloudFormation makes up when the template gives none: stack name, logical id and a random suffix. */
function generatedName(stackName: string, logicalId: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const suffix = [...crypto.getRandomValues(new Uint8Array(12))].map((b) => alphabet[b % alphabet.length]).join('');
  return `${stackName}-${logicalId}-${suffix}`.slice(-255);
}

/**
 * A standalone rule (`AWS::EC2::SecurityGroupIngress` / `Egress`): added to the group it names, its id the physical
 * id, and revoked on deletion from whichever group still holds it (none, once the group itself is gone).
 */
function securityGroupRuleHandler(direction: 'Ingress' | 'Egress'): ResourceHandler {
  const peerGroup = direction === 'Ingress' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId';
  const list = direction === 'Ingress' ? 'ingress' : 'egress';
  return {
    attributes: ['Id'],
    async create({ properties, ctx }) {
      const groupId = properties.text('GroupId');
      const result = await callEc2(ctx, `AuthorizeSecurityGroup${direction}`, {
        GroupId: direction === 'Ingress' ? groupId : properties.requireText('GroupId'),
        GroupName: groupId === undefined ? properties.requireText('GroupName') : undefined,
        ...permission(properties, peerGroup),
      });
      const ruleId = textAt(result, 'securityGroupRuleSet', 0, 'securityGroupRuleId');
      return { physicalId: ruleId, attributes: { Id: ruleId } };
    },
    async delete(ruleId, ctx) {
      const group = Object.values(regionOf(ctx).securityGroups).find((g) => g[list].some((r) => r.ruleId === ruleId));
      if (!group) return;
      await callEc2(ctx, `RevokeSecurityGroup${direction}`, {
        GroupId: group.groupId,
        'SecurityGroupRuleId.1': ruleId,
      });
    },
  };
}

/** One security group rule as EC2's `IpPermissions.1.*` parameters. */
function permission(rule: Properties, peerGroup: 'SourceSecurityGroupId' | 'DestinationSecurityGroupId'): WireParams {
  const prefix = 'IpPermissions.1.';
  const cidr = rule.text('CidrIp');
  const cidrIpv6 = rule.text('CidrIpv6');
  const group = rule.text(peerGroup);
  const description = rule.text('Description');
  return {
    [`${prefix}IpProtocol`]: rule.requireText('IpProtocol'),
    [`${prefix}FromPort`]: rule.text('FromPort'),
    [`${prefix}ToPort`]: rule.text('ToPort'),
    [`${prefix}IpRanges.1.CidrIp`]: cidr,
    [`${prefix}IpRanges.1.Description`]: cidr === undefined ? undefined : description,
    [`${prefix}Ipv6Ranges.1.CidrIpv6`]: cidrIpv6,
    [`${prefix}Ipv6Ranges.1.Description`]: cidrIpv6 === undefined ? undefined : description,
    [`${prefix}Groups.1.GroupId`]: group,
    [`${prefix}Groups.1.Description`]: group === undefined ? undefined : description,
  };
}

/** Splits the `A|B` physical ids CloudFormation gives routes and gateway attachments. */
function splitPair(physicalId: string): [string, string] {
  const bar = physicalId.indexOf('|');
  return [physicalId.slice(0, bar), physicalId.slice(bar + 1)];
}

/** The resource types the sandbox builds, by CloudFormation type name. */
export const resourceHandlers: ReadonlyMap<string, ResourceHandler> = new Map<string, ResourceHandler>([
  [
    'AWS::EC2::VPC',
    {
      attributes: ['CidrBlock', 'DefaultSecurityGroup', 'VpcId'],
      async create({ properties, tags, ctx, created }) {
        const result = await callEc2(ctx, 'CreateVpc', {
          CidrBlock: properties.requireText('CidrBlock'),
          ...tagSpecification('vpc', tags),
        });
        const vpcId = textAt(result, 'vpc', 'vpcId');
        created(vpcId);
        // EC2 changes one DNS attribute per ModifyVpcAttribute call.
        for (const attribute of ['EnableDnsSupport', 'EnableDnsHostnames']) {
          const value = properties.flag(attribute);
          if (value !== undefined)
            await callEc2(ctx, 'ModifyVpcAttribute', { VpcId: vpcId, [`${attribute}.Value`]: value });
        }
        const region = regionOf(ctx);
        const defaultGroup = Object.values(region.securityGroups).find(
          (g) => g.vpcId === vpcId && g.groupName === 'default',
        );
        return {
          physicalId: vpcId,
          stateTags: region.vpcs[vpcId]?.tags,
          attributes: {
            CidrBlock: textAt(result, 'vpc', 'cidrBlock'),
            DefaultSecurityGroup: defaultGroup?.groupId ?? '',
            VpcId: vpcId,
          },
        };
      },
      async delete(vpcId, ctx) {
        await callEc2(ctx, 'DeleteVpc', { VpcId: vpcId });
      },
    },
  ],
  [
    'AWS::EC2::Subnet',
    {
      attributes: ['AvailabilityZone', 'AvailabilityZoneId', 'CidrBlock', 'SubnetId', 'VpcId'],
      async create({ properties, tags, ctx, created }) {
        const result = await callEc2(ctx, 'CreateSubnet', {
          VpcId: properties.requireText('VpcId'),
          CidrBlock: properties.requireText('CidrBlock'),
          AvailabilityZone: properties.text('AvailabilityZone'),
          AvailabilityZoneId: properties.text('AvailabilityZoneId'),
          ...tagSpecification('subnet', tags),
        });
        const subnetId = textAt(result, 'subnet', 'subnetId');
        created(subnetId);
        // CreateSubnet has no MapPublicIpOnLaunch parameter; CloudFormation sets it afterwards, as the console does.
        if (properties.flag('MapPublicIpOnLaunch'))
          await callEc2(ctx, 'ModifySubnetAttribute', { SubnetId: subnetId, 'MapPublicIpOnLaunch.Value': true });
        const zone = textAt(result, 'subnet', 'availabilityZone');
        return {
          physicalId: subnetId,
          stateTags: regionOf(ctx).subnets[subnetId]?.tags,
          attributes: {
            AvailabilityZone: zone,
            AvailabilityZoneId: zoneIdOf(zone),
            CidrBlock: textAt(result, 'subnet', 'cidrBlock'),
            SubnetId: subnetId,
            VpcId: textAt(result, 'subnet', 'vpcId'),
          },
        };
      },
      async delete(subnetId, ctx) {
        await callEc2(ctx, 'DeleteSubnet', { SubnetId: subnetId });
      },
    },
  ],
  [
    'AWS::EC2::InternetGateway',
    {
      attributes: ['InternetGatewayId'],
      async create({ tags, ctx }) {
        const result = await callEc2(ctx, 'CreateInternetGateway', tagSpecification('internet-gateway', tags));
        const id = textAt(result, 'internetGateway', 'internetGatewayId');
        return {
          physicalId: id,
          stateTags: regionOf(ctx).internetGateways[id]?.tags,
          attributes: { InternetGatewayId: id },
        };
      },
      async delete(id, ctx) {
        await callEc2(ctx, 'DeleteInternetGateway', { InternetGatewayId: id });
      },
    },
  ],
  [
    'AWS::EC2::EIP',
    {
      attributes: ['AllocationId', 'PublicIp'],
      async create({ properties, tags, ctx, created }) {
        const result = await callEc2(ctx, 'AllocateAddress', {
          Domain: properties.text('Domain') ?? 'vpc',
          ...tagSpecification('elastic-ip', tags),
        });
        const allocationId = textAt(result, 'allocationId');
        const publicIp = textAt(result, 'publicIp');
        created(publicIp);
        const instanceId = properties.text('InstanceId');
        if (instanceId) await callEc2(ctx, 'AssociateAddress', { AllocationId: allocationId, InstanceId: instanceId });
        // CloudFormation names an Elastic IP by its address: Ref gives the address, GetAtt its allocation id.
        return {
          physicalId: publicIp,
          stateTags: regionOf(ctx).addresses?.[allocationId]?.tags,
          attributes: { AllocationId: allocationId, PublicIp: publicIp },
        };
      },
      async delete(publicIp, ctx) {
        const address = Object.values(regionOf(ctx).addresses ?? {}).find((a) => a.publicIp === publicIp);
        if (!address) return;
        if (address.association)
          await callEc2(ctx, 'DisassociateAddress', { AssociationId: address.association.associationId });
        await callEc2(ctx, 'ReleaseAddress', { AllocationId: address.allocationId });
      },
    },
  ],
  [
    'AWS::EC2::NatGateway',
    {
      attributes: ['NatGatewayId'],
      async create({ properties, tags, ctx }) {
        const result = await callEc2(ctx, 'CreateNatGateway', {
          SubnetId: properties.requireText('SubnetId'),
          AllocationId: properties.text('AllocationId'),
          ConnectivityType: properties.text('ConnectivityType'),
          ...tagSpecification('natgateway', tags),
        });
        const id = textAt(result, 'natGateway', 'natGatewayId');
        return { physicalId: id, stateTags: regionOf(ctx).natGateways?.[id]?.tags, attributes: { NatGatewayId: id } };
      },
      async delete(id, ctx) {
        await callEc2(ctx, 'DeleteNatGateway', { NatGatewayId: id });
      },
    },
  ],
  [
    'AWS::EC2::NetworkAcl',
    {
      attributes: ['Id'],
      async create({ properties, tags, ctx }) {
        const result = await callEc2(ctx, 'CreateNetworkAcl', {
          VpcId: properties.requireText('VpcId'),
          ...tagSpecification('network-acl', tags),
        });
        const id = textAt(result, 'networkAcl', 'networkAclId');
        return { physicalId: id, stateTags: networkAclsOf(regionOf(ctx))[id]?.tags, attributes: { Id: id } };
      },
      async delete(id, ctx) {
        await callEc2(ctx, 'DeleteNetworkAcl', { NetworkAclId: id });
      },
    },
  ],
  [
    'AWS::EC2::NetworkAclEntry',
    {
      attributes: ['Id'],
      async create({ properties, ctx }) {
        const networkAclId = properties.requireText('NetworkAclId');
        const ruleNumber = properties.requireText('RuleNumber');
        const egress = properties.flag('Egress') ?? false;
        const ports = properties.object('PortRange');
        const icmp = properties.object('Icmp');
        await callEc2(ctx, 'CreateNetworkAclEntry', {
          NetworkAclId: networkAclId,
          RuleNumber: ruleNumber,
          Protocol: properties.requireText('Protocol'),
          RuleAction: properties.requireText('RuleAction'),
          Egress: egress,
          CidrBlock: properties.text('CidrBlock'),
          'PortRange.From': ports?.text('From'),
          'PortRange.To': ports?.text('To'),
          'Icmp.Type': icmp?.text('Type'),
          'Icmp.Code': icmp?.text('Code'),
        });
        // An entry is named by its ACL, direction and number, which together identify it.
        const id = `${networkAclId}|${egress ? 'egress' : 'ingress'}|${ruleNumber}`;
        return { physicalId: id, attributes: { Id: id } };
      },
      async delete(id, ctx) {
        const [networkAclId, direction, ruleNumber] = id.split('|');
        await callEc2(ctx, 'DeleteNetworkAclEntry', {
          NetworkAclId: networkAclId,
          Egress: direction === 'egress',
          RuleNumber: ruleNumber,
        });
      },
    },
  ],
  [
    'AWS::EC2::SubnetNetworkAclAssociation',
    {
      attributes: ['AssociationId'],
      async create({ properties, ctx }) {
        const region = regionOf(ctx);
        const subnetId = lookup(region.subnets, 'subnet', properties.requireText('SubnetId')).subnetId;
        // Every subnet has an ACL: its VPC's default one until another replaces it.
        const current = aclOfSubnet(region, subnetId)!.associations.find((a) => a.subnetId === subnetId)!;
        const result = await callEc2(ctx, 'ReplaceNetworkAclAssociation', {
          AssociationId: current.associationId,
          NetworkAclId: properties.requireText('NetworkAclId'),
        });
        const id = textAt(result, 'newAssociationId');
        return { physicalId: id, attributes: { AssociationId: id } };
      },
      async delete(id, ctx) {
        // The subnet goes back to its VPC's default ACL, as every subnet without another ACL is.
        const acls = Object.values(networkAclsOf(regionOf(ctx)));
        const holder = acls.find((acl) => acl.associations.some((a) => a.associationId === id));
        const fallback = acls.find((acl) => acl.isDefault && acl.vpcId === holder?.vpcId);
        if (holder && fallback)
          await callEc2(ctx, 'ReplaceNetworkAclAssociation', {
            AssociationId: id,
            NetworkAclId: fallback.networkAclId,
          });
      },
    },
  ],
  [
    'AWS::EC2::VPCGatewayAttachment',
    {
      attributes: [],
      async create({ properties, ctx }) {
        const vpcId = properties.requireText('VpcId');
        await callEc2(ctx, 'AttachInternetGateway', {
          VpcId: vpcId,
          InternetGatewayId: properties.requireText('InternetGatewayId'),
        });
        // CloudFormation names an attachment by its kind and VPC.
        return { physicalId: `IGW|${vpcId}`, attributes: {} };
      },
      async delete(physicalId, ctx) {
        const [, vpcId] = splitPair(physicalId);
        const gateway = Object.values(regionOf(ctx).internetGateways).find((g) => g.attachedVpcId === vpcId);
        if (gateway)
          await callEc2(ctx, 'DetachInternetGateway', { VpcId: vpcId, InternetGatewayId: gateway.internetGatewayId });
      },
    },
  ],
  [
    'AWS::EC2::RouteTable',
    {
      attributes: ['RouteTableId'],
      async create({ properties, tags, ctx }) {
        const result = await callEc2(ctx, 'CreateRouteTable', {
          VpcId: properties.requireText('VpcId'),
          ...tagSpecification('route-table', tags),
        });
        const id = textAt(result, 'routeTable', 'routeTableId');
        return { physicalId: id, stateTags: regionOf(ctx).routeTables[id]?.tags, attributes: { RouteTableId: id } };
      },
      async delete(id, ctx) {
        await callEc2(ctx, 'DeleteRouteTable', { RouteTableId: id });
      },
    },
  ],
  [
    'AWS::EC2::Route',
    {
      attributes: [],
      async create({ properties, ctx }) {
        const routeTableId = properties.requireText('RouteTableId');
        const destination = properties.requireText('DestinationCidrBlock');
        await callEc2(ctx, 'CreateRoute', {
          RouteTableId: routeTableId,
          DestinationCidrBlock: destination,
          GatewayId: properties.text('GatewayId'),
          NatGatewayId: properties.text('NatGatewayId'),
          InstanceId: properties.text('InstanceId'),
        });
        // CloudFormation names a route by its table and destination.
        return { physicalId: `${routeTableId}|${destination}`, attributes: {} };
      },
      async delete(physicalId, ctx) {
        const [routeTableId, destination] = splitPair(physicalId);
        await callEc2(ctx, 'DeleteRoute', { RouteTableId: routeTableId, DestinationCidrBlock: destination });
      },
    },
  ],
  [
    'AWS::EC2::SubnetRouteTableAssociation',
    {
      attributes: ['Id'],
      async create({ properties, ctx }) {
        const result = await callEc2(ctx, 'AssociateRouteTable', {
          SubnetId: properties.requireText('SubnetId'),
          RouteTableId: properties.requireText('RouteTableId'),
        });
        const id = textAt(result, 'associationId');
        return { physicalId: id, attributes: { Id: id } };
      },
      async delete(id, ctx) {
        await callEc2(ctx, 'DisassociateRouteTable', { AssociationId: id });
      },
    },
  ],
  [
    'AWS::EC2::SecurityGroup',
    {
      attributes: ['GroupId', 'VpcId'],
      async create({ logicalId, stackName, properties, tags, ctx, created }) {
        const vpcId = properties.text('VpcId');
        const groupName = properties.text('GroupName') ?? generatedName(stackName, logicalId);
        const result = await callEc2(ctx, 'CreateSecurityGroup', {
          GroupName: groupName,
          GroupDescription: properties.requireText('GroupDescription'),
          VpcId: vpcId,
          ...tagSpecification('security-group', tags),
        });
        const groupId = textAt(result, 'groupId');
        // CloudFormation's documented quirk: Ref gives the group's name for a group in the default VPC (no VpcId).
        const physicalId = vpcId === undefined ? groupName : groupId;
        created(physicalId);
        for (const rule of properties.objects('SecurityGroupIngress')) {
          await callEc2(ctx, 'AuthorizeSecurityGroupIngress', {
            GroupId: groupId,
            ...permission(rule, 'SourceSecurityGroupId'),
          });
        }
        const egress = properties.objects('SecurityGroupEgress');
        if (egress.length > 0) {
          // Listing egress rules replaces the allow-all rule every new group starts with.
          await callEc2(ctx, 'RevokeSecurityGroupEgress', {
            GroupId: groupId,
            'IpPermissions.1.IpProtocol': '-1',
            'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0',
          });
          for (const rule of egress)
            await callEc2(ctx, 'AuthorizeSecurityGroupEgress', {
              GroupId: groupId,
              ...permission(rule, 'DestinationSecurityGroupId'),
            });
        }
        const group = regionOf(ctx).securityGroups[groupId];
        return { physicalId, stateTags: group?.tags, attributes: { GroupId: groupId, VpcId: group?.vpcId ?? '' } };
      },
      async delete(physicalId, ctx) {
        await callEc2(
          ctx,
          'DeleteSecurityGroup',
          physicalId.startsWith('sg-') ? { GroupId: physicalId } : { GroupName: physicalId },
        );
      },
    },
  ],
  ['AWS::EC2::SecurityGroupIngress', securityGroupRuleHandler('Ingress')],
  ['AWS::EC2::SecurityGroupEgress', securityGroupRuleHandler('Egress')],
  [
    'AWS::EC2::Instance',
    {
      attributes: ['AvailabilityZone', 'InstanceId', 'PrivateDnsName', 'PrivateIp', 'PublicDnsName', 'PublicIp'],
      async create({ properties, tags, ctx }) {
        const networkInterface = properties.objects('NetworkInterfaces')[0];
        const result = await callEc2(ctx, 'RunInstances', {
          ImageId: properties.requireText('ImageId'),
          InstanceType: properties.text('InstanceType'),
          KeyName: properties.text('KeyName'),
          SubnetId: properties.text('SubnetId'),
          UserData: properties.text('UserData'),
          'Placement.AvailabilityZone': properties.text('AvailabilityZone'),
          'MetadataOptions.HttpTokens': properties.object('MetadataOptions')?.text('HttpTokens'),
          'MetadataOptions.HttpPutResponseHopLimit': properties
            .object('MetadataOptions')
            ?.text('HttpPutResponseHopLimit'),
          MinCount: 1,
          MaxCount: 1,
          ...numbered('SecurityGroupId', properties.texts('SecurityGroupIds')),
          ...numbered('SecurityGroup', properties.texts('SecurityGroups')),
          ...(networkInterface
            ? {
                'NetworkInterface.1.DeviceIndex': networkInterface.text('DeviceIndex') ?? '0',
                'NetworkInterface.1.SubnetId': networkInterface.text('SubnetId'),
                'NetworkInterface.1.AssociatePublicIpAddress': networkInterface.flag('AssociatePublicIpAddress'),
                ...numbered('NetworkInterface.1.SecurityGroupId', networkInterface.texts('GroupSet')),
              }
            : {}),
          ...tagSpecification('instance', tags),
        });
        const instance = at(result, 'instancesSet', 0);
        const instanceId = textAt(instance, 'instanceId');
        const optional = (...path: string[]) => {
          const value = at(instance, ...path);
          return typeof value === 'string' ? value : '';
        };
        return {
          physicalId: instanceId,
          stateTags: regionOf(ctx).instances[instanceId]?.tags,
          attributes: {
            AvailabilityZone: textAt(instance, 'placement', 'availabilityZone'),
            InstanceId: instanceId,
            PrivateDnsName: optional('privateDnsName'),
            PrivateIp: textAt(instance, 'privateIpAddress'),
            PublicDnsName: optional('dnsName'),
            PublicIp: optional('ipAddress'),
          },
        };
      },
      async delete(instanceId, ctx) {
        await callEc2(ctx, 'TerminateInstances', { 'InstanceId.1': instanceId });
      },
    },
  ],
  ...networkResourceHandlers,
]);
