import { nameRecord } from '../lib/name-record';

/**
 * The sandbox's whole world as plain, serialisable data: accounts, their IAM, their regional EC2 and CloudFormation
 * resources, S3 buckets (one global namespace, as on AWS) and every access key. Nothing here holds behaviour, so the
 * state can be saved, loaded, reset, exported and inspected as JSON. Every type is derived from its schema in
 * ./state-schema, so what the services rely on is what a loaded file is checked for. Every map keyed by a name is a
 * {@link nameRecord}, so names such as `__proto__` or `constructor` are stored like any other.
 */
import type { z } from 'zod';
import type * as schemas from './state-schema';
import { sandboxRootKey } from './sandbox-root-key';
import { sandboxStateFormat, sandboxStateVersion } from './state-schema';

export { sandboxRootKey, sandboxStateFormat, sandboxStateVersion };

/** The account every fresh sandbox has. */
export const defaultAccountId = '123456789012';

/** A key/value tag, as EC2 and IAM store them. */
export type Tag = z.infer<typeof schemas.tagSchema>;
/** An access key and who it belongs to. `userName` null means the account's root. */
export type AccessKeyRecord = z.infer<typeof schemas.accessKeySchema>;
export type IamUser = z.infer<typeof schemas.iamUserSchema>;
export type ManagedPolicyVersion = z.infer<typeof schemas.managedPolicyVersionSchema>;
export type ManagedPolicy = z.infer<typeof schemas.managedPolicySchema>;
/** An IAM role: its trust policy and its permissions policies. */
export type IamRole = z.infer<typeof schemas.iamRoleSchema>;
/** The account's password policy. */
export type PasswordPolicy = z.infer<typeof schemas.passwordPolicySchema>;
/** An IAM group and its members. */
export type IamGroup = z.infer<typeof schemas.iamGroupSchema>;
/** An instance profile, holding at most one role for EC2 instances. */
export type InstanceProfile = z.infer<typeof schemas.instanceProfileSchema>;
/** A virtual MFA device. */
export type MfaDevice = z.infer<typeof schemas.mfaDeviceSchema>;
/** An IAM user's SSH public key. */
export type SshPublicKey = z.infer<typeof schemas.sshPublicKeySchema>;
/** A SAML identity provider. */
export type SamlProvider = z.infer<typeof schemas.samlProviderSchema>;
/** STS's temporary credentials and whose they are. */
export type TemporarySession = z.infer<typeof schemas.temporarySessionSchema>;
export type Vpc = z.infer<typeof schemas.vpcSchema>;
export type Subnet = z.infer<typeof schemas.subnetSchema>;
export type SubnetCidrReservation = z.infer<typeof schemas.subnetCidrReservationSchema>;
export type InternetGateway = z.infer<typeof schemas.internetGatewaySchema>;
export type Route = z.infer<typeof schemas.routeSchema>;
export type RouteTableAssociation = z.infer<typeof schemas.routeTableAssociationSchema>;
export type RouteTable = z.infer<typeof schemas.routeTableSchema>;
export type SecurityGroupRule = z.infer<typeof schemas.securityGroupRuleSchema>;
export type SecurityGroup = z.infer<typeof schemas.securityGroupSchema>;
/** An Elastic IP address. */
export type ElasticAddress = z.infer<typeof schemas.elasticAddressSchema>;
/** A NAT gateway. */
export type NatGateway = z.infer<typeof schemas.natGatewaySchema>;
/** One rule of a network ACL. */
export type NetworkAclEntry = z.infer<typeof schemas.networkAclEntrySchema>;
/** A network ACL. */
export type NetworkAcl = z.infer<typeof schemas.networkAclSchema>;
export type KeyPair = z.infer<typeof schemas.keyPairSchema>;
export type InstanceStateName = z.infer<typeof schemas.instanceStateNameSchema>;
export type Instance = z.infer<typeof schemas.instanceSchema>;
/** What a learner changed on an instance's disk since its first boot. */
export type InstanceDisk = z.infer<typeof schemas.instanceDiskSchema>;
/** An EBS volume. */
export type Volume = z.infer<typeof schemas.volumeSchema>;
export type Snapshot = z.infer<typeof schemas.snapshotSchema>;
/** A launch template and its versions. */
export type LaunchTemplate = z.infer<typeof schemas.launchTemplateSchema>;
/** A DHCP options set. */
export type DhcpOptions = z.infer<typeof schemas.dhcpOptionsSchema>;
/** A VPC endpoint. */
export type VpcEndpoint = z.infer<typeof schemas.vpcEndpointSchema>;
/** A customer-managed prefix list. */
export type ManagedPrefixList = z.infer<typeof schemas.managedPrefixListSchema>;
/** An elastic network interface. */
export type NetworkInterface = z.infer<typeof schemas.networkInterfaceSchema>;
/** A VPC peering connection. */
export type VpcPeeringConnection = z.infer<typeof schemas.vpcPeeringConnectionSchema>;
/** An egress-only internet gateway. */
export type EgressOnlyInternetGateway = z.infer<typeof schemas.egressOnlyInternetGatewaySchema>;
/** A CloudFormation stack and what it made. */
export type Stack = z.infer<typeof schemas.stackSchema>;
/** One account's resources in one region. */
export type RegionState = z.infer<typeof schemas.regionStateSchema>;
/** Regions appear the first time a request touches them, with their default VPC. */
export type AccountState = z.infer<typeof schemas.accountStateSchema>;
export type S3Object = z.infer<typeof schemas.s3ObjectSchema>;
/** How an object (or by default a bucket's objects) is encrypted at rest. */
export type S3Encryption = z.infer<typeof schemas.s3EncryptionSchema>;
/** A delete marker in a versioned bucket. */
export type S3DeleteMarker = z.infer<typeof schemas.s3DeleteMarkerSchema>;
/** One of a key's versions: an object or a delete marker. */
export type S3Version = S3Object | S3DeleteMarker;
/** A multipart upload in progress. */
export type MultipartUpload = z.infer<typeof schemas.s3MultipartUploadSchema>;
/** One rule of a bucket's CORS configuration. */
export type CorsRule = z.infer<typeof schemas.s3CorsRuleSchema>;
export type PublicAccessBlock = z.infer<typeof schemas.publicAccessBlockSchema>;
export type Bucket = z.infer<typeof schemas.bucketSchema>;
export type SandboxState = z.infer<typeof schemas.sandboxStateSchema>;

/** A fresh sandbox: the default account and its root key, nothing else yet. */
export function createSandboxState(now: Date = new Date()): SandboxState {
  return {
    format: sandboxStateFormat,
    version: sandboxStateVersion,
    accounts: nameRecord([[defaultAccountId, emptyAccount(defaultAccountId)]]),
    accessKeys: nameRecord([
      [
        sandboxRootKey.accessKeyId,
        {
          ...sandboxRootKey,
          accountId: defaultAccountId,
          userName: null,
          status: 'Active',
          createDate: now.toISOString(),
        },
      ],
    ]),
    sessions: nameRecord(),
    buckets: nameRecord(),
  };
}

/** The account's roles; an account saved before the sandbox had roles gets an empty set on first use. */
export function rolesOf(account: AccountState): Record<string, IamRole> {
  account.iam.roles ??= nameRecord();
  return account.iam.roles;
}

/** The account's groups; an account saved before the sandbox had groups gets an empty set on first use. */
export function groupsOf(account: AccountState): Record<string, IamGroup> {
  account.iam.groups ??= nameRecord();
  return account.iam.groups;
}

/** The account's instance profiles; an account saved before the sandbox had them gets an empty set on first use. */
export function instanceProfilesOf(account: AccountState): Record<string, InstanceProfile> {
  account.iam.instanceProfiles ??= nameRecord();
  return account.iam.instanceProfiles;
}

/** The account's virtual MFA devices by serial number; an older saved account gets an empty set on first use. */
export function mfaDevicesOf(account: AccountState): Record<string, MfaDevice> {
  account.iam.mfaDevices ??= nameRecord();
  return account.iam.mfaDevices;
}

/** The account's SSH public keys by id; an older saved account gets an empty set on first use. */
export function sshPublicKeysOf(account: AccountState): Record<string, SshPublicKey> {
  account.iam.sshPublicKeys ??= nameRecord();
  return account.iam.sshPublicKeys;
}

/** The MFA devices enabled for a user: what DeleteUser must see gone first. */
export function mfaDevicesOfUser(account: AccountState, userName: string): MfaDevice[] {
  return Object.values(mfaDevicesOf(account)).filter((device) => device.userName === userName);
}

/** The SSH public keys of a user: what DeleteUser must see gone first. */
export function sshPublicKeysOfUser(account: AccountState, userName: string): SshPublicKey[] {
  return Object.values(sshPublicKeysOf(account)).filter((key) => key.userName === userName);
}

/** The account's SAML providers by name; an older saved account gets an empty set on first use. */
export function samlProvidersOf(account: AccountState): Record<string, SamlProvider> {
  account.iam.samlProviders ??= nameRecord();
  return account.iam.samlProviders;
}

/** The sandbox's STS sessions; a file saved before the sandbox had them gets an empty set on first use. */
export function sessionsOf(state: SandboxState): Record<string, TemporarySession> {
  state.sessions ??= nameRecord();
  return state.sessions;
}

/** The region's Elastic IPs; a region saved before the sandbox had them gets an empty set on first use. */
export function addressesOf(region: RegionState): Record<string, ElasticAddress> {
  region.addresses ??= nameRecord();
  return region.addresses;
}

/** The region's NAT gateways; a region saved before the sandbox had them gets an empty set on first use. */
export function natGatewaysOf(region: RegionState): Record<string, NatGateway> {
  region.natGateways ??= nameRecord();
  return region.natGateways;
}

/** The region's EBS volumes; a region saved before the sandbox had volumes gets an empty set on first use. */
export function volumesOf(region: RegionState): Record<string, Volume> {
  region.volumes ??= nameRecord();
  return region.volumes;
}

/** The region's EBS snapshots; a region saved before the sandbox had them gets an empty set on first use. */
export function snapshotsOf(region: RegionState): Record<string, Snapshot> {
  region.snapshots ??= nameRecord();
  return region.snapshots;
}

/** The region's launch templates; a region saved before the sandbox had them gets an empty set on first use. */
export function launchTemplatesOf(region: RegionState): Record<string, LaunchTemplate> {
  region.launchTemplates ??= nameRecord();
  return region.launchTemplates;
}

/** The region's VPC endpoints; a region saved before the sandbox had them gets an empty set on first use. */
export function vpcEndpointsOf(region: RegionState): Record<string, VpcEndpoint> {
  region.vpcEndpoints ??= nameRecord();
  return region.vpcEndpoints;
}

/** The region's managed prefix lists; a region saved before the sandbox had them gets an empty set on first use. */
export function managedPrefixListsOf(region: RegionState): Record<string, ManagedPrefixList> {
  region.managedPrefixLists ??= nameRecord();
  return region.managedPrefixLists;
}

/** The region's own network interfaces; a region saved before the sandbox had them gets an empty set on first use. */
export function networkInterfacesOf(region: RegionState): Record<string, NetworkInterface> {
  region.networkInterfaces ??= nameRecord();
  return region.networkInterfaces;
}

/** The region's VPC peering connections; a region saved before the sandbox had them gets an empty set on first use. */
export function vpcPeeringConnectionsOf(region: RegionState): Record<string, VpcPeeringConnection> {
  region.vpcPeeringConnections ??= nameRecord();
  return region.vpcPeeringConnections;
}

/** The region's egress-only internet gateways; an empty set on first use in a region saved before them. */
export function egressOnlyInternetGatewaysOf(region: RegionState): Record<string, EgressOnlyInternetGateway> {
  region.egressOnlyInternetGateways ??= nameRecord();
  return region.egressOnlyInternetGateways;
}

/** An account with no IAM entities and no regions touched yet. */
export function emptyAccount(accountId: string): AccountState {
  return {
    accountId,
    iam: {
      users: nameRecord(),
      policies: nameRecord(),
      roles: nameRecord(),
      instanceProfiles: nameRecord(),
      groups: nameRecord(),
    },
    regions: nameRecord(),
  };
}

/** An empty region; the EC2 service adds the default VPC when it first touches it. */
export function emptyRegion(): RegionState {
  return {
    vpcs: nameRecord(),
    subnets: nameRecord(),
    internetGateways: nameRecord(),
    routeTables: nameRecord(),
    securityGroups: nameRecord(),
    keyPairs: nameRecord(),
    instances: nameRecord(),
    stacks: nameRecord(),
    volumes: nameRecord(),
    launchTemplates: nameRecord(),
  };
}

/** An instance with the account and region it lives in, and that region's resources. */
export interface LocatedInstance {
  accountId: string;
  region: string;
  resources: RegionState;
  instance: Instance;
}

/** Every instance of every account and region the state holds, terminated ones included. */
export function everyInstance(state: SandboxState): LocatedInstance[] {
  return Object.values(state.accounts).flatMap((account) =>
    Object.entries(account.regions).flatMap(([region, resources]) =>
      Object.values(resources.instances).map((instance) => ({
        accountId: account.accountId,
        region,
        resources,
        instance,
      })),
    ),
  );
}
