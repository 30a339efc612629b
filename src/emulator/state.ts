import { nameRecord } from '../lib/name-record';

/**
 * The sandbox's whole world as plain, serialisable data: accounts, their IAM, their regional EC2 and CloudFormation
 * resources, S3 buckets (one global namespace, as on AWS) and every access key. Nothing here holds behaviour, so the
 * state can be saved, loaded, reset, exported and inspected as JSON. Every map keyed by a name is a
 * {@link nameRecord}, so names such as `__proto__` or `constructor` are stored like any other.
 */

/** Identifies a saved sandbox file. */
export const sandboxStateFormat = 'awscourse-sandbox';
/** Bumped whenever the shape below changes incompatibly. */
export const sandboxStateVersion = 1;

/** The account every fresh sandbox has. */
export const defaultAccountId = '123456789012';

/**
 * The sandbox account's root key pair: documented in the README and the lessons, used by the browser terminal and
 * by `awscourse emulator`. It opens nothing but the sandbox.
 */
export const sandboxRootKey = {
  accessKeyId: 'AKIASANDBOXROOT00001',
  secretAccessKey: 'sandbox/root/secret/key/for/offline/0001',
} as const;

/** A key/value tag, as EC2 and IAM store them. */
export interface Tag {
  Key: string;
  Value: string;
}

/** An access key and who it belongs to. `userName` null means the account's root. */
export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  userName: string | null;
  status: 'Active' | 'Inactive';
  createDate: string;
  lastUsed?: { date: string; service: string; region: string };
}

export interface IamUser {
  userName: string;
  userId: string;
  path: string;
  createDate: string;
  tags: Tag[];
  loginProfile?: { createDate: string; passwordResetRequired: boolean };
  attachedPolicyArns: string[];
  /** Inline policies: name → document (as submitted, URL-decoded). */
  inlinePolicies: Record<string, string>;
}

export interface ManagedPolicyVersion {
  versionId: string;
  document: string;
  createDate: string;
}

export interface ManagedPolicy {
  arn: string;
  policyName: string;
  policyId: string;
  path: string;
  description?: string;
  createDate: string;
  updateDate: string;
  defaultVersionId: string;
  versions: ManagedPolicyVersion[];
  tags: Tag[];
}

export interface Vpc {
  vpcId: string;
  cidrBlock: string;
  state: 'available';
  isDefault: boolean;
  instanceTenancy: string;
  dhcpOptionsId: string;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
  tags: Tag[];
}

export interface Subnet {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  mapPublicIpOnLaunch: boolean;
  defaultForAz: boolean;
  state: 'available';
  tags: Tag[];
}

export interface InternetGateway {
  internetGatewayId: string;
  attachedVpcId: string | null;
  tags: Tag[];
}

export interface Route {
  destinationCidrBlock: string;
  /** `local` for the VPC's own range, an `igw-…` id, or a NAT gateway / instance id. */
  gatewayId?: string;
  natGatewayId?: string;
  instanceId?: string;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RouteTableAssociation {
  associationId: string;
  subnetId?: string;
  main: boolean;
}

export interface RouteTable {
  routeTableId: string;
  vpcId: string;
  routes: Route[];
  associations: RouteTableAssociation[];
  tags: Tag[];
}

export interface SecurityGroupRule {
  ruleId: string;
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  referencedGroupId?: string;
  description?: string;
}

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
  tags: Tag[];
}

export interface KeyPair {
  keyPairId: string;
  keyName: string;
  keyFingerprint: string;
  keyType: 'rsa' | 'ed25519';
  publicKey: string;
  createTime: string;
  tags: Tag[];
}

export type InstanceStateName = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface Instance {
  instanceId: string;
  imageId: string;
  instanceType: string;
  keyName?: string;
  vpcId: string;
  subnetId: string;
  availabilityZone: string;
  privateIpAddress: string;
  publicIpAddress?: string;
  macAddress: string;
  networkInterfaceId: string;
  securityGroupIds: string[];
  state: InstanceStateName;
  stateTransitionReason: string;
  launchTime: string;
  /** Base64, as sent with RunInstances. */
  userData?: string;
  /** IMDSv2 only (`required`) or both versions (`optional`), from RunInstances' MetadataOptions. */
  metadataHttpTokens: 'optional' | 'required';
  tags: Tag[];
  reservationId: string;
  amiLaunchIndex: number;
}

/** A CloudFormation stack and what it made. */
export interface Stack {
  stackId: string;
  stackName: string;
  status: string;
  statusReason?: string;
  creationTime: string;
  lastUpdatedTime?: string;
  deletionTime?: string;
  description?: string;
  templateBody: string;
  parameters: { key: string; value: string }[];
  outputs: { key: string; value: string; description?: string; exportName?: string }[];
  resources: {
    logicalId: string;
    physicalId: string;
    type: string;
    status: string;
    statusReason?: string;
    timestamp: string;
  }[];
  events: {
    eventId: string;
    logicalId: string;
    physicalId: string;
    type: string;
    status: string;
    statusReason?: string;
    timestamp: string;
  }[];
  tags: Tag[];
}

/** One account's resources in one region. */
export interface RegionState {
  vpcs: Record<string, Vpc>;
  subnets: Record<string, Subnet>;
  internetGateways: Record<string, InternetGateway>;
  routeTables: Record<string, RouteTable>;
  securityGroups: Record<string, SecurityGroup>;
  keyPairs: Record<string, KeyPair>;
  instances: Record<string, Instance>;
  stacks: Record<string, Stack>;
}

export interface AccountState {
  accountId: string;
  iam: {
    users: Record<string, IamUser>;
    policies: Record<string, ManagedPolicy>;
  };
  /** Regions appear the first time a request touches them, with their default VPC. */
  regions: Record<string, RegionState>;
}

export interface S3Object {
  key: string;
  /** The bytes, base64-encoded so the state stays JSON. */
  body: string;
  contentType: string;
  etag: string;
  lastModified: string;
  size: number;
  metadata: Record<string, string>;
  /** The flexible checksum the uploader sent (`crc32`, ...) and its base64 value, echoed back as S3 does. */
  checksum?: { algorithm: string; value: string };
}

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface Bucket {
  name: string;
  accountId: string;
  region: string;
  creationDate: string;
  publicAccessBlock: PublicAccessBlock | null;
  policy: string | null;
  objects: Record<string, S3Object>;
  tags: Tag[];
}

export interface SandboxState {
  format: typeof sandboxStateFormat;
  version: typeof sandboxStateVersion;
  accounts: Record<string, AccountState>;
  accessKeys: Record<string, AccessKeyRecord>;
  buckets: Record<string, Bucket>;
}

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
    buckets: nameRecord(),
  };
}

/** An account with no IAM entities and no regions touched yet. */
export function emptyAccount(accountId: string): AccountState {
  return { accountId, iam: { users: nameRecord(), policies: nameRecord() }, regions: nameRecord() };
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
  };
}
