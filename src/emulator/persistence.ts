import { z } from 'zod';
import { sandboxStateFormat, sandboxStateVersion, type SandboxState } from './state';
import { errorMessage } from '../lib/error-message';
import { parseJsonRecords } from '../lib/name-record';

const tag = z.object({ Key: z.string(), Value: z.string() });
const tags = z.array(tag);
/** A record of resources keyed by id, each carrying at least its id field and tags. */
const resources = (idField: string) => z.record(z.string(), z.looseObject({ [idField]: z.string(), tags }));

const regionSchema = z.object({
  vpcs: resources('vpcId'),
  subnets: resources('subnetId'),
  internetGateways: resources('internetGatewayId'),
  routeTables: resources('routeTableId'),
  securityGroups: resources('groupId'),
  keyPairs: resources('keyName'),
  instances: resources('instanceId'),
  stacks: z.record(z.string(), z.looseObject({ stackId: z.string(), stackName: z.string(), status: z.string() })),
});

const accountSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/, 'an account id is 12 digits'),
  iam: z.object({
    users: z.record(
      z.string(),
      z.looseObject({
        userName: z.string(),
        userId: z.string(),
        path: z.string(),
        attachedPolicyArns: z.array(z.string()),
        inlinePolicies: z.record(z.string(), z.string()),
        tags,
      }),
    ),
    policies: z.record(
      z.string(),
      z.looseObject({
        arn: z.string(),
        policyName: z.string(),
        defaultVersionId: z.string(),
        versions: z.array(z.object({ versionId: z.string(), document: z.string(), createDate: z.string() })),
      }),
    ),
  }),
  regions: z.record(z.string(), regionSchema),
});

/** The saved sandbox file: the state with its format name and version, as {@link serializeSandboxState} writes it. */
export const sandboxStateSchema = z.object({
  format: z.literal(sandboxStateFormat, {
    message: `this is not a sandbox state file (its "format" is not "${sandboxStateFormat}")`,
  }),
  version: z.literal(sandboxStateVersion, {
    message: `this sandbox file has a version this course runner cannot read (expected ${sandboxStateVersion})`,
  }),
  accounts: z.record(z.string(), accountSchema),
  accessKeys: z.record(
    z.string(),
    z.looseObject({
      accessKeyId: z.string(),
      secretAccessKey: z.string(),
      accountId: z.string(),
      userName: z.string().nullable(),
      status: z.enum(['Active', 'Inactive']),
      createDate: z.string(),
    }),
  ),
  buckets: z.record(
    z.string(),
    z.looseObject({
      name: z.string(),
      accountId: z.string(),
      region: z.string(),
      objects: z.record(
        z.string(),
        z.looseObject({
          key: z.string(),
          body: z.string(),
          size: z.number(),
          etag: z.string(),
          lastModified: z.string(),
        }),
      ),
    }),
  ),
});

/** The state as the JSON text of a sandbox file. */
export function serializeSandboxState(state: SandboxState): string {
  return `${JSON.stringify(state, null, 1)}\n`;
}

/**
 * A sandbox file read back: the state, or a message saying what is wrong and where. Never throws. The schema only
 * validates (zod's records drop a `__proto__` key); the state is the JSON itself, its maps without prototypes.
 */
export function parseSandboxState(text: string): { state: SandboxState } | { error: string } {
  let json: unknown;
  try {
    json = parseJsonRecords(text);
  } catch (error) {
    return { error: `The sandbox file is not valid JSON (${errorMessage(error, 'parse error')}).` };
  }
  const result = sandboxStateSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    return { error: `The sandbox file is damaged${where}: ${issue.message}.` };
  }
  return { state: json as SandboxState };
}
