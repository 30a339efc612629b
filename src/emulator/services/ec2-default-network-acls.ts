/**
 * Every VPC has a default network ACL that allows all traffic, and every subnet is associated with exactly one ACL of
 * its VPC: the default one until another replaces it. The sandbox derives both from the VPCs and subnets that exist
 * whenever a region's ACLs are read, so a VPC or subnet made anywhere (or saved before the sandbox had ACLs) has them,
 * with ids that are the same on every read until they are stored.
 */
import { nameRecord } from '../../lib/name-record';
import { stableEc2Ids } from '../ids';
import type { NetworkAcl, NetworkAclEntry, RegionState } from '../state';

/** The rules of a default network ACL: rule 100 allows everything, in and out. */
function allowAll(): NetworkAclEntry[] {
  return [false, true].map((egress) => ({
    ruleNumber: 100,
    egress,
    protocol: '-1',
    ruleAction: 'allow',
    cidrBlock: '0.0.0.0/0',
  }));
}

function defaultAclFor(vpcId: string): NetworkAcl {
  return {
    networkAclId: stableEc2Ids(`${vpcId}/default-network-acl`)('acl'),
    vpcId,
    isDefault: true,
    entries: allowAll(),
    associations: [],
    tags: [],
  };
}

/**
 * The region's network ACLs, brought into line with its VPCs and subnets first: each VPC gets its default ACL, each
 * subnet without an ACL is associated with its VPC's default one, and what a deleted VPC or subnet left goes.
 */
export function networkAclsOf(region: RegionState): Record<string, NetworkAcl> {
  region.networkAcls ??= nameRecord();
  const acls = region.networkAcls;
  for (const [id, acl] of Object.entries(acls)) {
    if (!Object.hasOwn(region.vpcs, acl.vpcId)) delete acls[id];
    else acl.associations = acl.associations.filter((a) => Object.hasOwn(region.subnets, a.subnetId));
  }
  const defaults = new Map(
    Object.values(acls)
      .filter((acl) => acl.isDefault)
      .map((acl) => [acl.vpcId, acl]),
  );
  for (const vpcId of Object.keys(region.vpcs)) {
    if (defaults.has(vpcId)) continue;
    const acl = defaultAclFor(vpcId);
    acls[acl.networkAclId] = acl;
    defaults.set(vpcId, acl);
  }
  const associated = new Set(Object.values(acls).flatMap((acl) => acl.associations.map((a) => a.subnetId)));
  for (const subnet of Object.values(region.subnets)) {
    if (associated.has(subnet.subnetId)) continue;
    const associationId = stableEc2Ids(`${subnet.subnetId}/network-acl-association`)('aclassoc');
    defaults.get(subnet.vpcId)?.associations.push({ associationId, subnetId: subnet.subnetId });
  }
  return acls;
}

/** The network ACL a subnet is associated with. */
export function aclOfSubnet(region: RegionState, subnetId: string): NetworkAcl | undefined {
  return Object.values(networkAclsOf(region)).find((acl) => acl.associations.some((a) => a.subnetId === subnetId));
}
