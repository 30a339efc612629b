import type { InternetGateway, RouteTable, SecurityGroup, Subnet, Vpc } from '@aws-sdk/client-ec2';

/**
 * What an account holds, as the diagram draws it: plain data (JSON in, JSON out, no Dates), so the server can send it
 * to the page and the drawing is a pure function of it. The network keeps the EC2 API's own shapes, trimmed to what
 * the diagram reads, so the checkers' public/private rule ({@link isPublicSubnet}) judges it unchanged.
 */
export interface AccountSnapshot {
  /** When it was read (ISO 8601). */
  takenAt: string;
  /** The sandbox, or the learner's own account. */
  mode: 'offline' | 'live';
  /** The account's id, when STS said. */
  account?: string;
  regions: RegionSnapshot[];
  buckets: BucketSnapshot[];
  users: UserSnapshot[];
  /** What could not be read (AccessDenied on one service, say), each in a sentence; the rest is still drawn. */
  problems: string[];
}

/** One region's network, instances and key pairs. */
export interface RegionSnapshot {
  region: string;
  vpcs: Vpc[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  internetGateways: InternetGateway[];
  securityGroups: SecurityGroup[];
  instances: InstanceSnapshot[];
  keyPairs: KeyPairSnapshot[];
}

/** An instance, as the diagram labels it. */
export interface InstanceSnapshot {
  id: string;
  name?: string;
  state: string;
  type?: string;
  vpcId?: string;
  subnetId?: string;
  az?: string;
  privateIp?: string;
  publicIp?: string;
  keyName?: string;
  groupIds: string[];
}

export interface KeyPairSnapshot {
  name: string;
  id?: string;
}

/** Block Public Access on a bucket: all four settings on, some, or none (or no configuration). */
export type PublicAccessBlock = 'on' | 'partly' | 'off' | 'unknown';

export interface BucketSnapshot {
  name: string;
  region?: string;
  /** Objects counted, up to {@link bucketCountLimit}; `countTruncated` when there are more. */
  objectCount?: number;
  countTruncated?: boolean;
  blockPublicAccess: PublicAccessBlock;
}

/** The most objects a bucket's count reads (one ListObjectsV2 page). */
export const bucketCountLimit = 1000;

export interface UserSnapshot {
  name: string;
  /** Managed policies attached to the user, by name. */
  attachedPolicies: string[];
  /** The user's inline policies, by name. */
  inlinePolicies: string[];
  consolePassword: boolean;
  /** Access keys, their ids masked (`AKIA…WXYZ`). */
  accessKeys: { id: string; status: string }[];
}
