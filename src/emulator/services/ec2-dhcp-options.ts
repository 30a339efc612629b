/**
 * DHCP options sets: what a VPC's DHCP server tells its instances (domain name, DNS, NTP and NetBIOS servers). Each
 * region has AWS's default set, which new VPCs get; a learner can make others and associate one with a VPC, or
 * `default` for none (EC2 API reference, CreateDhcpOptions and AssociateDhcpOptions).
 */
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import type { DhcpOptions } from '../state';
import type { XmlValue } from '../xml';
import { existingResources, newResource } from './ec2-arns';
import { dhcpOptionsOf } from './ec2-default-dhcp-options';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import type { FilterValues } from './ec2-filters';
import { dependencyViolation, lookup, selectByIds } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';
import { requireVpc } from './ec2-vpcs';

/** The keys CreateDhcpOptions takes, each with the most values it may have. */
const dhcpKeys: Record<string, number> = {
  'domain-name': 1,
  'domain-name-servers': 4,
  'ntp-servers': 4,
  'netbios-name-servers': 4,
  'netbios-node-type': 1,
  'ipv6-address-preferred-lease-time': 1,
};

/** The region's sets, by id. */
function setsOf(ctx: ServiceContext): Record<string, DhcpOptions> {
  return dhcpOptionsOf(regionOf(ctx), ctx.region, ctx.account.accountId);
}

function renderDhcpOptions(set: DhcpOptions, ownerId: string): XmlValue {
  return {
    dhcpOptionsId: set.dhcpOptionsId,
    ownerId,
    dhcpConfigurationSet: set.configurations.map((c) => ({
      key: c.key,
      valueSet: c.values.map((value) => ({ value })),
    })),
    tagSet: renderTags(set.tags),
  };
}

const dhcpFilters: FilterValues<DhcpOptions> = {
  'dhcp-options-id': (d) => [d.dhcpOptionsId],
  key: (d) => d.configurations.map((c) => c.key),
  value: (d) => d.configurations.flatMap((c) => c.values),
};

/** CreateDhcpOptions' `DhcpConfiguration.N`, each key known and within its number of values. */
function readConfigurations(params: QueryParams): DhcpOptions['configurations'] {
  const configurations = params
    .structs('DhcpConfiguration')
    .map((c) => ({ key: c.require('Key'), values: c.list('Value') }));
  if (configurations.length === 0)
    throw new AwsError('MissingParameter', 'The request must contain the parameter dhcpConfiguration');
  for (const { key, values } of configurations) {
    const most = dhcpKeys[key];
    if (most === undefined)
      throw new AwsError('InvalidParameterValue', `Value (${key}) for parameter name is invalid. Unknown DHCP option`);
    if (values.length === 0 || values.length > most)
      throw new AwsError(
        'InvalidParameterValue',
        `Value (${values.join(', ')}) for parameter value is invalid. ${key} takes 1 to ${most} values.`,
      );
  }
  return configurations;
}

/** The DHCP options operations. */
export const dhcpOptionsOperations: Record<string, QueryOperation> = {
  CreateDhcpOptions: {
    resource: (params, ctx) => [newResource(ctx, 'dhcp-options', tagsFor(params, 'dhcp-options'))],
    run(params, ctx) {
      const set: DhcpOptions = {
        dhcpOptionsId: ec2Id('dopt'),
        configurations: readConfigurations(params),
        tags: tagsFor(params, 'dhcp-options'),
      };
      setsOf(ctx)[set.dhcpOptionsId] = set;
      return { dhcpOptions: renderDhcpOptions(set, ctx.account.accountId) };
    },
  },

  DescribeDhcpOptions: {
    run(params, ctx) {
      const sets = selectByIds(setsOf(ctx), 'dopt', params.list('DhcpOptionsId'));
      const owned = { 'owner-id': () => [ctx.account.accountId] };
      return describe('dhcpOptionsSet', sets, params, { ...dhcpFilters, ...owned }, (set) =>
        renderDhcpOptions(set, ctx.account.accountId),
      );
    },
  },

  AssociateDhcpOptions: {
    resource: (params, ctx) => {
      const id = params.require('DhcpOptionsId');
      return [
        ...existingResources(ctx, 'vpc', [params.require('VpcId')]),
        ...(id === 'default' ? [] : existingResources(ctx, 'dopt', [id])),
      ];
    },
    run(params, ctx) {
      const vpc = requireVpc(regionOf(ctx), params.require('VpcId'));
      const id = params.require('DhcpOptionsId');
      vpc.dhcpOptionsId = id === 'default' ? 'default' : lookup(setsOf(ctx), 'dopt', id).dhcpOptionsId;
      return { return: true };
    },
  },

  DeleteDhcpOptions: {
    resource: (params, ctx) => existingResources(ctx, 'dopt', [params.require('DhcpOptionsId')]),
    run(params, ctx) {
      const sets = setsOf(ctx);
      const set = lookup(sets, 'dopt', params.require('DhcpOptionsId'));
      if (Object.values(regionOf(ctx).vpcs).some((vpc) => vpc.dhcpOptionsId === set.dhcpOptionsId))
        throw dependencyViolation('dopt', set.dhcpOptionsId);
      delete sets[set.dhcpOptionsId];
      return { return: true };
    },
  },
};
