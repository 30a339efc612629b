import { z } from 'zod';

/**
 * The sandbox state's shape, once: {@link ./state} derives every state type from these schemas (`z.infer`), so a
 * field the services rely on is always one a saved file is checked for. Objects are plain `z.object`s: validation
 * reports what is missing or wrong, and the loader keeps the file's own JSON, fields this version does not know
 * included.
 */

/** Identifies a saved sandbox file. */
export const sandboxStateFormat = 'awscourse-sandbox';
/** Bumped whenever the shape below changes incompatibly. */
export const sandboxStateVersion = 1;

const isoTime = z.string();

/** A key/value tag, as EC2 and IAM store them. */
export const tagSchema = z.object({ Key: z.string(), Value: z.string() });
const tags = z.array(tagSchema);

/** An access key and who it belongs to. `userName` null means the account's root. */
export const accessKeySchema = z.object({
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  accountId: z.string(),
  userName: z.string().nullable(),
  status: z.enum(['Active', 'Inactive']),
  createDate: isoTime,
  /** When, where and for which service the key last signed a request. */
  lastUsed: z.object({ date: isoTime, service: z.string(), region: z.string() }).optional(),
});

/** An IAM user. */
export const iamUserSchema = z.object({
  userName: z.string(),
  userId: z.string(),
  path: z.string(),
  createDate: isoTime,
  tags,
  loginProfile: z.object({ createDate: isoTime, passwordResetRequired: z.boolean() }).optional(),
  attachedPolicyArns: z.array(z.string()),
  /** Inline policies: name → document (as submitted, URL-decoded). */
  inlinePolicies: z.record(z.string(), z.string()),
});

/** One version of a managed policy's document. */
export const managedPolicyVersionSchema = z.object({
  versionId: z.string(),
  document: z.string(),
  createDate: isoTime,
});

/** A customer managed policy. */
export const managedPolicySchema = z.object({
  arn: z.string(),
  policyName: z.string(),
  policyId: z.string(),
  path: z.string(),
  description: z.string().optional(),
  createDate: isoTime,
  updateDate: isoTime,
  defaultVersionId: z.string(),
  versions: z.array(managedPolicyVersionSchema),
  tags,
});

/** An IAM role: who may assume it (its trust policy) and what its sessions may do (its permissions policies). */
export const iamRoleSchema = z.object({
  roleName: z.string(),
  /** `AROA…`, the id a session's `UserId` starts with. */
  roleId: z.string(),
  path: z.string(),
  createDate: isoTime,
  /** The trust policy, as submitted (URL-decoded), e.g. allowing `ec2.amazonaws.com` to call `sts:AssumeRole`. */
  assumeRolePolicyDocument: z.string(),
  description: z.string().optional(),
  /** The longest session AssumeRole may ask for, in seconds: 3600 (one hour) unless set, up to 43200. */
  maxSessionDuration: z.number(),
  tags,
  attachedPolicyArns: z.array(z.string()),
  /** Inline policies: name → document (as submitted, URL-decoded). */
  inlinePolicies: z.record(z.string(), z.string()),
});

/** An IAM group: users who share its policies. */
export const iamGroupSchema = z.object({
  groupName: z.string(),
  /** `AGPA…`. */
  groupId: z.string(),
  path: z.string(),
  createDate: isoTime,
  /** Its members, by user name. */
  userNames: z.array(z.string()),
  attachedPolicyArns: z.array(z.string()),
  /** Inline policies: name → document (as submitted, URL-decoded). */
  inlinePolicies: z.record(z.string(), z.string()),
});

/** The account's password policy, as UpdateAccountPasswordPolicy sets it. */
export const passwordPolicySchema = z.object({
  /** 6 to 128 characters; 8 unless set. */
  minimumPasswordLength: z.number(),
  requireSymbols: z.boolean(),
  requireNumbers: z.boolean(),
  requireUppercaseCharacters: z.boolean(),
  requireLowercaseCharacters: z.boolean(),
  allowUsersToChangePassword: z.boolean(),
  /** Days a password lasts; none when passwords do not expire. */
  maxPasswordAge: z.number().optional(),
  /** How many earlier passwords a user may not reuse; none when reuse is allowed. */
  passwordReusePrevention: z.number().optional(),
  hardExpiry: z.boolean(),
});

/** An instance profile: the container that passes (at most) one role to the EC2 instances launched with it. */
export const instanceProfileSchema = z.object({
  instanceProfileName: z.string(),
  /** `AIPA…`. */
  instanceProfileId: z.string(),
  path: z.string(),
  createDate: isoTime,
  /** The role it holds: none or one name. */
  roleNames: z.array(z.string()),
  tags,
});

/** A virtual MFA device: its TOTP secret, and the user it is enabled for, if any. */
export const mfaDeviceSchema = z.object({
  /** `arn:aws:iam::ACCOUNT:mfa/PATH/NAME`, the device's key. */
  serialNumber: z.string(),
  /** The shared secret, Base32 (RFC 4648), as the authenticator app is given it. */
  base32Seed: z.string(),
  createDate: isoTime,
  /** The user the device is enabled for, and since when; absent while unassigned. */
  userName: z.string().optional(),
  enableDate: isoTime.optional(),
  tags,
});

/** An SSH public key of an IAM user (for CodeCommit). */
export const sshPublicKeySchema = z.object({
  /** `APKA…`. */
  sshPublicKeyId: z.string(),
  userName: z.string(),
  body: z.string(),
  /** MD5 of the key, as colon-separated hex pairs. */
  fingerprint: z.string(),
  status: z.enum(['Active', 'Inactive']),
  uploadDate: isoTime,
});

/** A SAML identity provider the account trusts. */
export const samlProviderSchema = z.object({
  name: z.string(),
  /** The identity provider's metadata document, as uploaded. */
  metadataDocument: z.string(),
  createDate: isoTime,
  tags,
});

/**
 * Temporary credentials from STS (AssumeRole, GetSessionToken): an `ASIA…` key id, its secret and the session token
 * a request must carry with it, until `expiration`.
 */
export const temporarySessionSchema = z.object({
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  sessionToken: z.string(),
  accountId: z.string(),
  expiration: isoTime,
  /** The IAM user of a GetSessionToken session; null for the root's, or for a role session. */
  userName: z.string().nullable(),
  /** For AssumeRole: the role whose policies the session has, and the session's name. */
  role: z.object({ roleName: z.string(), roleId: z.string(), sessionName: z.string() }).optional(),
  /** For GetFederationToken: the federated user's name; `userName` is the IAM user who asked (null for the root). */
  federatedUser: z.object({ name: z.string() }).optional(),
  /**
   * The session policy AssumeRole or GetFederationToken was given: the session may do only what it allows too. A
   * federation session without one may do nothing; a role session without one may do what the role may.
   */
  sessionPolicy: z.string().optional(),
});

/** An IPv6 block of a VPC or subnet with its association's id, e.g. `2600:1f14:abc:de00::/56`. */
const ipv6CidrBlock = z.object({ associationId: z.string(), ipv6CidrBlock: z.string() });

/** A VPC. */
export const vpcSchema = z.object({
  vpcId: z.string(),
  cidrBlock: z.string(),
  state: z.literal('available'),
  isDefault: z.boolean(),
  instanceTenancy: z.string(),
  dhcpOptionsId: z.string(),
  enableDnsSupport: z.boolean(),
  enableDnsHostnames: z.boolean(),
  /** Whether Network Address Usage metrics are on (ModifyVpcAttribute); absent, so off, in a file saved before. */
  enableNetworkAddressUsageMetrics: z.boolean().optional(),
  /** IPv4 blocks added after the primary one (AssociateVpcCidrBlock); absent in a file saved before they existed. */
  secondaryCidrBlocks: z.array(z.object({ associationId: z.string(), cidrBlock: z.string() })).optional(),
  /** Amazon-provided IPv6 blocks (AssociateVpcCidrBlock); absent in a file saved before they existed. */
  ipv6CidrBlocks: z.array(ipv6CidrBlock).optional(),
  tags,
});

/** A range of a subnet's addresses kept back from EC2's automatic assignment (CreateSubnetCidrReservation). */
export const subnetCidrReservationSchema = z.object({
  subnetCidrReservationId: z.string(),
  /** An IPv4 or IPv6 block inside the subnet's, in canonical form. */
  cidr: z.string(),
  reservationType: z.enum(['prefix', 'explicit']),
  description: z.string().optional(),
  tags,
});

/** A subnet of a VPC. */
export const subnetSchema = z
  .object({
    subnetId: z.string(),
    vpcId: z.string(),
    /** Its IPv4 block; absent for an IPv6-only subnet (`ipv6Native`). */
    cidrBlock: z.string().optional(),
    /** True for an IPv6-only subnet (CreateSubnet's Ipv6Native); absent, so false, otherwise. */
    ipv6Native: z.boolean().optional(),
    /** Whether instances get an IPv6 address at launch (ModifySubnetAttribute); absent, so false, until set. */
    assignIpv6AddressOnCreation: z.boolean().optional(),
    availabilityZone: z.string(),
    mapPublicIpOnLaunch: z.boolean(),
    defaultForAz: z.boolean(),
    state: z.literal('available'),
    /** The subnet's IPv6 block, a /64 of its VPC's (CreateSubnet); absent in a file saved before they existed. */
    ipv6CidrBlocks: z.array(ipv6CidrBlock).optional(),
    /** How instances launched here are named in DNS (ModifySubnetAttribute); EC2's defaults when absent. */
    privateDnsNameOptions: z
      .object({
        hostnameType: z.enum(['ip-name', 'resource-name']),
        enableResourceNameDnsARecord: z.boolean(),
        enableResourceNameDnsAAAARecord: z.boolean(),
      })
      .optional(),
    /** Its CIDR reservations; absent until it has some. */
    cidrReservations: z.array(subnetCidrReservationSchema).optional(),
    tags,
  })
  .refine((subnet) => subnet.cidrBlock !== undefined || subnet.ipv6Native === true, {
    message: 'A subnet has an IPv4 block unless it is IPv6-only.',
    path: ['cidrBlock'],
  });

/** An internet gateway, attached to at most one VPC. */
export const internetGatewaySchema = z.object({
  internetGatewayId: z.string(),
  attachedVpcId: z.string().nullable(),
  tags,
});

/** A route to an IPv4 or an IPv6 block or a prefix list; `gatewayId` is `local` for the VPC's own range, or an `igw-…` id. */
export const routeSchema = z
  .object({
    /** The destination's IPv4 range; absent for a route to an IPv6 block or a prefix list. */
    destinationCidrBlock: z.string().optional(),
    destinationIpv6CidrBlock: z.string().optional(),
    /** The destination prefix list (`pl-…`), for a gateway endpoint's route; absent for a CIDR destination. */
    destinationPrefixListId: z.string().optional(),
    /** An elastic network interface the route sends traffic to. */
    networkInterfaceId: z.string().optional(),
    gatewayId: z.string().optional(),
    natGatewayId: z.string().optional(),
    instanceId: z.string().optional(),
    /** A VPC peering connection (`pcx-…`) the route sends traffic to. */
    vpcPeeringConnectionId: z.string().optional(),
    /** An egress-only internet gateway (`eigw-…`), for an IPv6 route. */
    egressOnlyInternetGatewayId: z.string().optional(),
    origin: z.enum(['CreateRouteTable', 'CreateRoute']),
  })
  .refine(
    (route) =>
      [route.destinationCidrBlock, route.destinationIpv6CidrBlock, route.destinationPrefixListId].filter(
        (destination) => destination !== undefined,
      ).length === 1,
    {
      message: 'A route has one destination: an IPv4 block, an IPv6 block or a prefix list.',
      path: ['destinationCidrBlock'],
    },
  );

/** A route table's association with a subnet, a gateway (an edge association), or the VPC's main one. */
export const routeTableAssociationSchema = z.object({
  associationId: z.string(),
  subnetId: z.string().optional(),
  /** The internet gateway of an edge association (AssociateRouteTable's GatewayId). */
  gatewayId: z.string().optional(),
  main: z.boolean(),
});

/** A route table. */
export const routeTableSchema = z.object({
  routeTableId: z.string(),
  vpcId: z.string(),
  routes: z.array(routeSchema),
  associations: z.array(routeTableAssociationSchema),
  tags,
});

/** One ingress or egress rule of a security group. */
export const securityGroupRuleSchema = z.object({
  ruleId: z.string(),
  ipProtocol: z.string(),
  fromPort: z.number().optional(),
  toPort: z.number().optional(),
  cidrIpv4: z.string().optional(),
  cidrIpv6: z.string().optional(),
  referencedGroupId: z.string().optional(),
  /** A prefix list (`pl-…`) the rule allows traffic from or to; absent in a file saved before rules could name one. */
  prefixListId: z.string().optional(),
  description: z.string().optional(),
  /** The rule's own tags (its id is `sgr-…`); absent until it has some. */
  tags: tags.optional(),
});

/** A security group. */
export const securityGroupSchema = z.object({
  groupId: z.string(),
  groupName: z.string(),
  description: z.string(),
  vpcId: z.string(),
  ingress: z.array(securityGroupRuleSchema),
  egress: z.array(securityGroupRuleSchema),
  tags,
});

/** An EC2 key pair (the public half). */
export const keyPairSchema = z.object({
  keyPairId: z.string(),
  keyName: z.string(),
  keyFingerprint: z.string(),
  keyType: z.enum(['rsa', 'ed25519']),
  publicKey: z.string(),
  createTime: isoTime,
  tags,
});

/** The states an instance goes through. */
export const instanceStateNameSchema = z.enum([
  'pending',
  'running',
  'stopping',
  'stopped',
  'shutting-down',
  'terminated',
]);

/**
 * What the learner changed on an instance's disk after its first boot. The boot itself (the image's files and what
 * the user data did) is worked out again from the instance whenever it is needed, so only the changes are kept.
 */
export const instanceDiskSchema = z.object({
  /** Files written or replaced since the boot, by absolute path, their content in base64. */
  files: z.record(z.string(), z.string()),
  /** Directories made since the boot (`mkdir`), by absolute path. */
  directories: z.array(z.string()),
  /** Files and directories the boot made that are gone, by absolute path. */
  removed: z.array(z.string()),
  /** Packages installed since the boot (`dnf install`), by name. */
  packages: z.array(z.string()),
  /** Services whose state differs from the boot's, by name: running or not, and started at boot or not. */
  services: z.record(z.string(), z.object({ active: z.boolean(), enabled: z.boolean() })),
  /**
   * Whether the instance stopped or rebooted since its first boot, so that only its enabled services run (the user
   * data's `systemctl start` without `enable` does not last); absent, so false, until it does.
   */
  restarted: z.boolean().optional(),
});

/** An EC2 instance. */
export const instanceSchema = z.object({
  instanceId: z.string(),
  imageId: z.string(),
  /** The image's architecture (`x86_64`, `arm64`); absent in a file saved before the sandbox had arm64 images. */
  architecture: z.enum(['x86_64', 'arm64']).optional(),
  instanceType: z.string(),
  keyName: z.string().optional(),
  vpcId: z.string(),
  subnetId: z.string(),
  availabilityZone: z.string(),
  privateIpAddress: z.string(),
  publicIpAddress: z.string().optional(),
  macAddress: z.string(),
  networkInterfaceId: z.string(),
  securityGroupIds: z.array(z.string()),
  state: instanceStateNameSchema,
  stateTransitionReason: z.string(),
  launchTime: isoTime,
  /** Base64, as sent with RunInstances. */
  userData: z.string().optional(),
  /** IMDSv2 only (`required`) or both versions (`optional`), from RunInstances' MetadataOptions. */
  metadataHttpTokens: z.enum(['optional', 'required']),
  /**
   * How many network hops the answer to an IMDSv2 token request may travel (1 to 64), from RunInstances'
   * MetadataOptions or its image; absent in a file saved before the sandbox kept it, when every instance showed 2.
   */
  metadataHopLimit: z.number().int().min(1).max(64).optional(),
  /**
   * The instance profile associated with the instance (its ARN and `AIPA…` id, as EC2 keeps them even if the profile
   * is later deleted) and the association's id (`iip-assoc-…`); none when the instance has no role.
   */
  iamInstanceProfile: z.object({ arn: z.string(), id: z.string(), associationId: z.string() }).optional(),
  tags,
  reservationId: z.string(),
  amiLaunchIndex: z.number(),
  /** `dedicated` when launched with `Placement.Tenancy=dedicated` or into a dedicated VPC; `default` when absent. */
  tenancy: z.enum(['default', 'dedicated']).optional(),
  /** Whether TerminateInstances is refused; false when absent. */
  disableApiTermination: z.boolean().optional(),
  /** Whether StopInstances is refused (stop protection); false when absent. */
  disableApiStop: z.boolean().optional(),
  /** Whether the network interface checks source and destination addresses; true when absent. */
  sourceDestCheck: z.boolean().optional(),
  /** The description of its primary network interface (ModifyNetworkInterfaceAttribute); empty when absent. */
  primaryInterfaceDescription: z.string().optional(),
  /** The tags of its primary network interface; absent until it has some. */
  primaryInterfaceTags: tags.optional(),
  /** Whether it is EBS-optimized (RunInstances' EbsOptimized, ModifyInstanceAttribute); false when absent. */
  ebsOptimized: z.boolean().optional(),
  /** Whether detailed monitoring is on (Monitoring.Enabled, MonitorInstances); basic monitoring when absent. */
  detailedMonitoring: z.boolean().optional(),
  /** Whether it was launched ready to hibernate (HibernationOptions.Configured); false when absent. */
  hibernationConfigured: z.boolean().optional(),
  /** Its CPU credit option (CreditSpecification, ModifyInstanceCreditSpecification); its type's default when absent. */
  cpuCredits: z.enum(['standard', 'unlimited']).optional(),
  /** The IPv6 addresses of its primary network interface, from its subnet's IPv6 block; none when absent. */
  ipv6Addresses: z.array(z.string()).optional(),
  /** What the learner changed on its disk since its first boot; nothing when absent, and gone when terminated. */
  disk: instanceDiskSchema.optional(),
});

/** An EBS snapshot the account made of one of its volumes (CreateSnapshot); complete as soon as it is made. */
export const snapshotSchema = z.object({
  snapshotId: z.string(),
  volumeId: z.string(),
  volumeSizeGiB: z.number(),
  description: z.string(),
  startTime: isoTime,
  encrypted: z.boolean(),
  tags,
});

/** An EBS volume, and the instance it is attached to, if any. */
export const volumeSchema = z.object({
  volumeId: z.string(),
  sizeGiB: z.number(),
  /** `gp2`, `gp3`, `io1`, `io2`, `st1`, `sc1` or `standard`. */
  volumeType: z.string(),
  /** Provisioned IOPS (gp3, io1, io2) or gp2's baseline; none for the HDD types. */
  iops: z.number().optional(),
  /** gp3's throughput in MiB/s. */
  throughput: z.number().optional(),
  availabilityZone: z.string(),
  /** The snapshot it was made from (an image's root snapshot), or `''`. */
  snapshotId: z.string(),
  encrypted: z.boolean(),
  createTime: isoTime,
  state: z.enum(['available', 'in-use']),
  attachment: z
    .object({ instanceId: z.string(), device: z.string(), attachTime: isoTime, deleteOnTermination: z.boolean() })
    .optional(),
  tags,
});

/** One version of a launch template: the launch parameters it holds, as RunInstances' query names them. */
export const launchTemplateVersionSchema = z.object({
  versionNumber: z.number(),
  description: z.string().optional(),
  createTime: isoTime,
  createdBy: z.string(),
  /** `LaunchTemplateData.*` as sent, without the prefix: `ImageId`, `SecurityGroupId.1`, `TagSpecification.1.Tag.1.Key`. */
  data: z.record(z.string(), z.string()),
});

/** A launch template: its versions and which one is the default. */
export const launchTemplateSchema = z.object({
  launchTemplateId: z.string(),
  launchTemplateName: z.string(),
  createTime: isoTime,
  /** The ARN of whoever created it. */
  createdBy: z.string(),
  defaultVersion: z.number(),
  latestVersion: z.number(),
  versions: z.array(launchTemplateVersionSchema),
  tags,
});

/** An Elastic IP address, allocated to the account until it is released. */
export const elasticAddressSchema = z.object({
  /** `eipalloc-…`. */
  allocationId: z.string(),
  publicIp: z.string(),
  /** Where the address points, while it is associated. */
  association: z
    .object({
      /** `eipassoc-…`. */
      associationId: z.string(),
      instanceId: z.string(),
      networkInterfaceId: z.string(),
      privateIpAddress: z.string(),
      /** The instance had an automatic public address, so it gets a new one when the Elastic IP leaves it. */
      hadPublicIp: z.boolean(),
    })
    .optional(),
  tags,
});

/** A NAT gateway: public (with an Elastic IP) or private. */
export const natGatewaySchema = z.object({
  natGatewayId: z.string(),
  vpcId: z.string(),
  subnetId: z.string(),
  connectivityType: z.enum(['public', 'private']),
  /** `failed` when AWS could not make it (a public one in a VPC without an internet gateway). */
  state: z.enum(['available', 'failed', 'deleted']),
  /** Why it failed, as AWS reports it. */
  failure: z.object({ code: z.string(), message: z.string() }).optional(),
  /** The Elastic IP a public NAT gateway holds (and the association's `eipassoc-…` id), until it is deleted. */
  allocationId: z.string().optional(),
  associationId: z.string().optional(),
  publicIp: z.string().optional(),
  privateIp: z.string(),
  networkInterfaceId: z.string(),
  createTime: isoTime,
  deleteTime: isoTime.optional(),
  tags,
});

/** A VPC peering connection between two VPCs of the account in one region; `statusTime` is when it last changed. */
export const vpcPeeringConnectionSchema = z.object({
  vpcPeeringConnectionId: z.string(),
  requesterVpcId: z.string(),
  accepterVpcId: z.string(),
  status: z.enum(['pending-acceptance', 'active', 'rejected', 'deleted', 'failed']),
  statusTime: isoTime,
  /** When a pending request expires: 7 days after it was made. */
  expirationTime: isoTime,
  tags,
});

/** An egress-only internet gateway: outbound-only IPv6 for the VPC it is attached to. */
export const egressOnlyInternetGatewaySchema = z.object({
  egressOnlyInternetGatewayId: z.string(),
  vpcId: z.string(),
  tags,
});

/** A DHCP options set: the configuration a VPC's DHCP hands its instances (domain name, name servers, ...). */
export const dhcpOptionsSchema = z.object({
  dhcpOptionsId: z.string(),
  /** Each key (`domain-name`, `domain-name-servers`, ...) with its values, in the order they were given. */
  configurations: z.array(z.object({ key: z.string(), values: z.array(z.string()) })),
  /** True for the set AWS made for the region, which new VPCs get. */
  regionDefault: z.boolean().optional(),
  tags,
});

/** A VPC endpoint: a gateway one (routes to S3 or DynamoDB) or an interface one (a network interface per subnet). */
export const vpcEndpointSchema = z.object({
  vpcEndpointId: z.string(),
  vpcEndpointType: z.enum(['Gateway', 'Interface']),
  vpcId: z.string(),
  serviceName: z.string(),
  state: z.enum(['available', 'deleted']),
  /** The endpoint policy as given (a JSON document); AWS's full-access policy when none was. */
  policyDocument: z.string(),
  routeTableIds: z.array(z.string()),
  subnetIds: z.array(z.string()),
  groupIds: z.array(z.string()),
  privateDnsEnabled: z.boolean(),
  creationTimestamp: isoTime,
  tags,
});

/** A customer-managed prefix list: named CIDR blocks that routes and security group rules can refer to. */
export const managedPrefixListSchema = z.object({
  prefixListId: z.string(),
  prefixListName: z.string(),
  addressFamily: z.enum(['IPv4', 'IPv6']),
  maxEntries: z.number(),
  version: z.number(),
  entries: z.array(z.object({ cidr: z.string(), description: z.string().optional() })),
  /** `delete-failed` once a delete was asked for while a rule or route used it; `create-complete` when absent. */
  state: z.literal('delete-failed').optional(),
  tags,
});

/** An elastic network interface: a private address in a subnet, with its groups, attached to at most one instance. */
export const networkInterfaceSchema = z.object({
  networkInterfaceId: z.string(),
  subnetId: z.string(),
  vpcId: z.string(),
  availabilityZone: z.string(),
  description: z.string(),
  privateIpAddress: z.string(),
  /** Its secondary private IPv4 addresses (AssignPrivateIpAddresses), each held in its subnet like the primary. */
  secondaryPrivateIpAddresses: z.array(z.string()).optional(),
  macAddress: z.string(),
  groupIds: z.array(z.string()),
  sourceDestCheck: z.boolean(),
  /** What made it: `interface` for one a learner made or an instance's; AWS's own types for endpoints. */
  interfaceType: z.string(),
  attachment: z
    .object({
      attachmentId: z.string(),
      instanceId: z.string(),
      deviceIndex: z.number(),
      attachTime: isoTime,
      deleteOnTermination: z.boolean(),
    })
    .optional(),
  tags,
});

/** One numbered rule of a network ACL; the `*` rule that denies the rest is implied, not stored. */
export const networkAclEntrySchema = z.object({
  ruleNumber: z.number(),
  egress: z.boolean(),
  /** A protocol number as text (`6` tcp, `17` udp, `1` icmp), or `-1` for all. */
  protocol: z.string(),
  ruleAction: z.enum(['allow', 'deny']),
  cidrBlock: z.string(),
  /** For tcp and udp: the ports the rule covers. */
  portRange: z.object({ from: z.number(), to: z.number() }).optional(),
  /** For icmp: the type and code (-1 for all). */
  icmpTypeCode: z.object({ type: z.number(), code: z.number() }).optional(),
});

/** A network ACL: stateless rules for the subnets associated with it. Each VPC has a default one. */
export const networkAclSchema = z.object({
  networkAclId: z.string(),
  vpcId: z.string(),
  isDefault: z.boolean(),
  entries: z.array(networkAclEntrySchema),
  /** Its subnets, each with the association's id (`aclassoc-…`). */
  associations: z.array(z.object({ associationId: z.string(), subnetId: z.string() })),
  tags,
});

const stackEventFields = {
  logicalId: z.string(),
  physicalId: z.string(),
  type: z.string(),
  status: z.string(),
  statusReason: z.string().optional(),
  timestamp: isoTime,
};

/** A CloudFormation stack and what it made. */
export const stackSchema = z.object({
  stackId: z.string(),
  stackName: z.string(),
  status: z.string(),
  statusReason: z.string().optional(),
  creationTime: isoTime,
  lastUpdatedTime: isoTime.optional(),
  deletionTime: isoTime.optional(),
  description: z.string().optional(),
  templateBody: z.string(),
  parameters: z.array(z.object({ key: z.string(), value: z.string() })),
  outputs: z.array(
    z.object({
      key: z.string(),
      value: z.string(),
      description: z.string().optional(),
      exportName: z.string().optional(),
    }),
  ),
  resources: z.array(z.object(stackEventFields)),
  events: z.array(z.object({ eventId: z.string(), ...stackEventFields })),
  tags,
});

const byId = <T extends z.ZodType>(schema: T) => z.record(z.string(), schema);

/** One account's resources in one region. */
export const regionStateSchema = z.object({
  vpcs: byId(vpcSchema),
  subnets: byId(subnetSchema),
  internetGateways: byId(internetGatewaySchema),
  routeTables: byId(routeTableSchema),
  securityGroups: byId(securityGroupSchema),
  keyPairs: byId(keyPairSchema),
  instances: byId(instanceSchema),
  stacks: byId(stackSchema),
  /** Elastic IPs by allocation id; absent in a file saved before the sandbox had them. */
  addresses: byId(elasticAddressSchema).optional(),
  /** NAT gateways by id; absent in a file saved before the sandbox had them. */
  natGateways: byId(natGatewaySchema).optional(),
  /** Network ACLs by id; absent in a file saved before the sandbox had them (each VPC then gets its default). */
  networkAcls: byId(networkAclSchema).optional(),
  /** EBS volumes by id; absent in a file saved before the sandbox had volumes. */
  volumes: byId(volumeSchema).optional(),
  /** EBS snapshots of the account's volumes by id; absent in a file saved before the sandbox had them. */
  snapshots: byId(snapshotSchema).optional(),
  /** Launch templates by id; absent in a file saved before the sandbox had them. */
  launchTemplates: byId(launchTemplateSchema).optional(),
  /** DHCP options sets by id; absent in a file saved before the sandbox had them (its VPCs then get the default). */
  dhcpOptions: byId(dhcpOptionsSchema).optional(),
  /** VPC endpoints by id; absent in a file saved before the sandbox had them. */
  vpcEndpoints: byId(vpcEndpointSchema).optional(),
  /** Customer-managed prefix lists by id; absent in a file saved before the sandbox had them. */
  managedPrefixLists: byId(managedPrefixListSchema).optional(),
  /** VPC peering connections by id; absent in a file saved before the sandbox had them. */
  vpcPeeringConnections: byId(vpcPeeringConnectionSchema).optional(),
  /** Egress-only internet gateways by id; absent in a file saved before the sandbox had them. */
  egressOnlyInternetGateways: byId(egressOnlyInternetGatewaySchema).optional(),
  /** Network interfaces other than instances' primary ones (which their instances hold), by id; absent in a file
   * saved before the sandbox had them. */
  networkInterfaces: byId(networkInterfaceSchema).optional(),
});

/** One account: its IAM, and the regions a request has touched (each with its default VPC). */
export const accountStateSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/, 'an account id is 12 digits'),
  iam: z.object({
    users: byId(iamUserSchema),
    policies: byId(managedPolicySchema),
    /** By role name; absent in a file saved before the sandbox had roles. */
    roles: byId(iamRoleSchema).optional(),
    /** By instance profile name; absent in a file saved before the sandbox had instance profiles. */
    instanceProfiles: byId(instanceProfileSchema).optional(),
    /** By group name; absent in a file saved before the sandbox had groups. */
    groups: byId(iamGroupSchema).optional(),
    /** The password policy; absent while the account has none (IAM's default rules apply). */
    passwordPolicy: passwordPolicySchema.optional(),
    /** Virtual MFA devices by serial number; absent in a file saved before the sandbox had them. */
    mfaDevices: byId(mfaDeviceSchema).optional(),
    /** SSH public keys by id; absent in a file saved before the sandbox had them. */
    sshPublicKeys: byId(sshPublicKeySchema).optional(),
    /** SAML providers by name; absent in a file saved before the sandbox had them. */
    samlProviders: byId(samlProviderSchema).optional(),
    /** The ids of DeleteServiceLinkedRole's deletion tasks, each done at once; absent until one is asked for. */
    roleDeletionTaskIds: z.array(z.string()).optional(),
    /** The credential report GenerateCredentialReport last made (CSV) and when; absent until it has made one. */
    credentialReport: z.object({ generatedTime: isoTime, content: z.string() }).optional(),
  }),
  regions: byId(regionStateSchema),
});

/** An S3 object. */
/** How an object is encrypted at rest: S3's algorithm, and for SSE-KMS the key and whether a bucket key is used. */
export const s3EncryptionSchema = z.object({
  /** `AES256` (SSE-S3, S3's default), `aws:kms` or `aws:kms:dsse`. */
  algorithm: z.string(),
  /** The KMS key's ARN, for `aws:kms` and `aws:kms:dsse`. */
  kmsKeyId: z.string().optional(),
  /** Whether an S3 Bucket Key is used for SSE-KMS. */
  bucketKeyEnabled: z.boolean().optional(),
});

export const s3ObjectSchema = z.object({
  key: z.string(),
  /** The bytes, base64-encoded so the state stays JSON. */
  body: z.string(),
  contentType: z.string(),
  etag: z.string(),
  lastModified: isoTime,
  size: z.number(),
  metadata: z.record(z.string(), z.string()),
  /** The flexible checksum the uploader sent (`crc32`, ...) and its base64 value, echoed back as S3 does. */
  checksum: z.object({ algorithm: z.string(), value: z.string() }).optional(),
  /** The object's tags (PutObjectTagging, `x-amz-tagging`); absent when it has none. */
  tags: tags.optional(),
  /** The version id a versioned bucket gave it; absent for S3's `null` version (an unversioned or suspended put). */
  versionId: z.string().optional(),
  /** The storage class it was put with (`GLACIER_IR`, ...); absent for `STANDARD`. */
  storageClass: z.string().optional(),
  /** The sizes of the parts a multipart upload made it of, in order (GET `?partNumber=`); absent for one part. */
  partSizes: z.array(z.number()).optional(),
  /** The server-side encryption it is stored with (`x-amz-server-side-encryption`); absent in an older saved state. */
  encryption: s3EncryptionSchema.optional(),
  /** The standard headers it was put with (`content-encoding`, `cache-control`, ...), answered on GET and HEAD. */
  headers: z.record(z.string(), z.string()).optional(),
  /** When the temporary copy RestoreObject made of an archived object expires; absent while it has none. */
  restoredUntil: isoTime.optional(),
});

/** A delete marker: what DeleteObject leaves in a versioned bucket instead of removing the key's versions. */
export const s3DeleteMarkerSchema = z.object({
  key: z.string(),
  deleteMarker: z.literal(true),
  /** Absent for the `null` version (a delete while versioning is suspended). */
  versionId: z.string().optional(),
  lastModified: isoTime,
});

/** One uploaded part of a multipart upload. */
export const s3PartSchema = z.object({
  /** The bytes, base64-encoded, as an object's. */
  body: z.string(),
  etag: z.string(),
  size: z.number(),
  lastModified: isoTime,
});

/** A multipart upload not yet completed or aborted: what CreateMultipartUpload was told, and the parts so far. */
export const s3MultipartUploadSchema = z.object({
  uploadId: z.string(),
  key: z.string(),
  initiated: isoTime,
  contentType: z.string(),
  metadata: z.record(z.string(), z.string()),
  tags: tags.optional(),
  storageClass: z.string().optional(),
  /** The standard headers CreateMultipartUpload was sent (`content-encoding`, ...), for the object. */
  headers: z.record(z.string(), z.string()).optional(),
  /** The server-side encryption CreateMultipartUpload asked for, or the bucket's default then. */
  encryption: s3EncryptionSchema.optional(),
  /** The parts by part number (1 to 10000); uploading a number again replaces its part. */
  parts: z.record(z.string(), s3PartSchema),
});

/** One rule of a bucket's CORS configuration, as PutBucketCors names its fields. */
export const s3CorsRuleSchema = z.object({
  ID: z.string().optional(),
  AllowedMethods: z.array(z.string()),
  AllowedOrigins: z.array(z.string()),
  AllowedHeaders: z.array(z.string()).optional(),
  ExposeHeaders: z.array(z.string()).optional(),
  MaxAgeSeconds: z.number().optional(),
});

/** A bucket's Block Public Access settings. */
export const publicAccessBlockSchema = z.object({
  BlockPublicAcls: z.boolean(),
  IgnorePublicAcls: z.boolean(),
  BlockPublicPolicy: z.boolean(),
  RestrictPublicBuckets: z.boolean(),
});

/** An S3 bucket (one global namespace, as on AWS). */
export const bucketSchema = z.object({
  name: z.string(),
  accountId: z.string(),
  region: z.string(),
  creationDate: isoTime,
  publicAccessBlock: publicAccessBlockSchema.nullable(),
  policy: z.string().nullable(),
  objects: byId(s3ObjectSchema),
  tags,
  /** Versioning's status once PutBucketVersioning set it; absent for a bucket never versioned. */
  versioning: z.enum(['Enabled', 'Suspended']).optional(),
  /**
   * Each key's versions other than its current object (`objects`), newest first: older versions and delete markers.
   * When the key's newest version is a delete marker, it has no current object and the marker comes first.
   */
  versions: byId(z.array(z.union([s3ObjectSchema, s3DeleteMarkerSchema]))).optional(),
  /** Multipart uploads in progress, by upload id. */
  uploads: byId(s3MultipartUploadSchema).optional(),
  /** The CORS rules PutBucketCors set; absent while there are none. */
  cors: z.array(s3CorsRuleSchema).optional(),
  /** The website configuration PutBucketWebsite set, as its XML's elements; absent while there is none. */
  website: z.record(z.string(), z.unknown()).optional(),
  /** Transfer Acceleration's state once PutBucketAccelerateConfiguration set it; absent for a bucket never set. */
  accelerate: z.enum(['Enabled', 'Suspended']).optional(),
  /** The inventory configurations PutBucketInventoryConfiguration set, by id, as their XML's elements. */
  inventory: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /** The event notification configuration, as its XML's elements; absent while there is none. */
  notification: z.record(z.string(), z.unknown()).optional(),
  /** The default encryption PutBucketEncryption set; absent for S3's default, SSE-S3 (`AES256`). */
  encryption: s3EncryptionSchema.optional(),
});

/** The whole sandbox, as saved: its format name and version, accounts, access keys and buckets. */
export const sandboxStateSchema = z.object({
  format: z.literal(sandboxStateFormat, {
    message: `this is not a sandbox state file (its "format" is not "${sandboxStateFormat}")`,
  }),
  version: z.literal(sandboxStateVersion, {
    message: `this sandbox file has a version this course runner cannot read (expected ${sandboxStateVersion})`,
  }),
  accounts: byId(accountStateSchema),
  accessKeys: byId(accessKeySchema),
  /** STS's temporary credentials by access key id; absent in a file saved before the sandbox had STS sessions. */
  sessions: byId(temporarySessionSchema).optional(),
  buckets: byId(bucketSchema),
});
