/**
 * CloudFormation in the sandbox: stacks built from JSON or YAML templates out of the sandbox's own EC2 resources.
 * A stack is built (or rolled back, or deleted) within the request that asks for it, so `CreateStack` is followed at
 * once by `CREATE_COMPLETE` and the waiters the CLI and SDKs use return on their first poll. Stacks live in the
 * region's state by stack id, so a deleted stack stays describable by id, as on AWS.
 */
import { AwsError, isAwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { queryEndpoint } from '../endpoint';
import type { QueryOperation, QueryParams, QueryService } from '../protocols/query';
import { zonesOf } from '../regions';
import type { RegionState, Stack, Tag } from '../state';
import type { XmlValue } from '../xml';
import { Properties, resourceHandlers } from './cloudformation-resources';
import {
  bindParameters,
  Evaluator,
  isListParameter,
  isTemplateObject,
  parseTemplate,
  templateError,
  type CreatedResource,
  type Resolved,
  type Template,
  type TemplateValue,
} from './cloudformation-template';
import { regionOf } from './ec2-default-vpc';
import { ssmService } from './ssm';

type StackResource = Stack['resources'][number];

/** CloudFormation's largest inline template, in bytes. */
const maxTemplateBytes = 51200;

function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

function checkStackName(name: string): string {
  if (name.length > 128)
    throw validationError(
      `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must have ` +
        `length less than or equal to 128`,
    );
  if (!/^[a-zA-Z][-a-zA-Z0-9]*$/.test(name)) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy ` +
        `regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`,
    );
  }
  return name;
}

function templateBodyOf(params: QueryParams): string {
  const body = params.get('TemplateBody');
  if (body !== undefined) {
    if (new TextEncoder().encode(body).length > maxTemplateBytes) {
      throw validationError(
        `1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length ` +
          `less than or equal to ${maxTemplateBytes}`,
      );
    }
    return body;
  }
  if (params.get('TemplateURL') !== undefined)
    throw validationError(
      'The sandbox reads templates from TemplateBody only: pass the file with --template-body file://template.yaml.',
    );
  throw validationError('Either Template URL or Template Body must be specified.');
}

/** A template checked as CreateStack and ValidateTemplate check it, including the attributes Fn::GetAtt names. */
function readTemplate(body: string): Template {
  const template = parseTemplate(body);
  for (const { logicalId, attribute } of template.attributeReferences) {
    const handler = resourceHandlers.get(template.resources.get(logicalId)!.type);
    // A type the sandbox does not build fails the stack on the resource itself, with a clearer reason.
    if (handler && !handler.attributes.includes(attribute))
      throw templateError(`resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
  }
  return template;
}

function stackArnOf(params: QueryParams, ctx: ServiceContext): string {
  const name = params.get('StackName');
  if (name === undefined) return '*';
  return name.startsWith('arn:')
    ? name
    : `arn:aws:cloudformation:${ctx.region}:${ctx.account.accountId}:stack/${name}/*`;
}

/** The stack a name or stack id names: by name only a live one, by id deleted ones too, as AWS resolves them. */
function findStack(ctx: ServiceContext, nameOrId: string): Stack | undefined {
  const stacks = regionOf(ctx).stacks;
  if (nameOrId.startsWith('arn:')) return Object.hasOwn(stacks, nameOrId) ? stacks[nameOrId] : undefined;
  return Object.values(stacks).find((s) => s.stackName === nameOrId && s.status !== 'DELETE_COMPLETE');
}

function requireStack(ctx: ServiceContext, nameOrId: string): Stack {
  const stack = findStack(ctx, nameOrId);
  if (!stack) throw validationError(`Stack with id ${nameOrId} does not exist`);
  return stack;
}

// ---- parameters ----------------------------------------------------------------------------------------------

/** The existence checks CloudFormation makes for AWS-specific parameter types, before it creates anything. */
const parameterLookups: Record<string, (region: RegionState, value: string, regionName: string) => boolean> = {
  'AWS::EC2::KeyPair::KeyName': (region, value) => Object.hasOwn(region.keyPairs, value),
  'AWS::EC2::VPC::Id': (region, value) => Object.hasOwn(region.vpcs, value),
  'AWS::EC2::Subnet::Id': (region, value) => Object.hasOwn(region.subnets, value),
  'AWS::EC2::SecurityGroup::Id': (region, value) => Object.hasOwn(region.securityGroups, value),
  'AWS::EC2::Instance::Id': (region, value) => Object.hasOwn(region.instances, value),
  'AWS::EC2::AvailabilityZone::Name': (_region, value, regionName) => zonesOf(regionName).includes(value),
};

/** An `AWS::SSM::Parameter::Value<…>` parameter's value: what Parameter Store holds under the name given. */
async function fromParameterStore(name: string, ctx: ServiceContext): Promise<string> {
  ctx.authorize('ssm:GetParameters', `arn:aws:ssm:${ctx.region}:${ctx.account.accountId}:parameter${name}`);
  try {
    const answer = await ssmService.operations.GetParameter!.run({ Name: name }, ctx);
    const parameter =
      typeof answer === 'object' && answer !== null
        ? (answer as { Parameter?: { Value?: unknown } }).Parameter
        : undefined;
    if (typeof parameter?.Value === 'string') return parameter.Value;
  } catch (error) {
    if (!isAwsError(error)) throw error;
  }
  throw validationError(`Unable to fetch parameters [${name}] from parameter store for this account.`);
}

/** The value `Ref` gives for each parameter, after the checks CloudFormation makes of the values given. */
async function parameterValues(
  template: Template,
  given: ReadonlyMap<string, string>,
  ctx: ServiceContext,
): Promise<Map<string, string | string[]>> {
  const region = regionOf(ctx);
  const values = new Map<string, string | string[]>();
  for (const [key, raw] of bindParameters(template, given)) {
    const type = template.parameters.get(key)!.type;
    const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type);
    const value = ssm ? await fromParameterStore(raw, ctx) : raw;
    const items = isListParameter(type) ? value.split(',').map((item) => item.trim()) : [value];
    const lookup = parameterLookups[type.replace(/^List<(.+)>$/, '$1')];
    const missing = lookup ? items.find((item) => !lookup(region, item, ctx.region)) : undefined;
    if (missing !== undefined) {
      throw validationError(
        `Parameter validation failed: parameter value ${missing} for parameter name ${key} does not exist. Rollback ` +
          `requested by user.`,
      );
    }
    values.set(key, isListParameter(type) ? items : value);
  }
  return values;
}

// ---- building and deleting -------------------------------------------------------------------------------------

function stackEvent(stack: Stack, ctx: ServiceContext, status: string, reason?: string): void {
  stack.status = status;
  stack.statusReason = reason;
  stack.events.push({
    eventId: crypto.randomUUID(),
    logicalId: stack.stackName,
    physicalId: stack.stackId,
    type: 'AWS::CloudFormation::Stack',
    status,
    statusReason: reason,
    timestamp: ctx.now.toISOString(),
  });
}

function resourceEvent(
  stack: Stack,
  resource: StackResource,
  ctx: ServiceContext,
  status: string,
  reason?: string,
): void {
  resource.status = status;
  resource.statusReason = reason;
  resource.timestamp = ctx.now.toISOString();
  stack.events.push({
    eventId: crypto.randomUUID(),
    logicalId: resource.logicalId,
    physicalId: resource.physicalId,
    type: resource.type,
    status,
    statusReason: reason,
    timestamp: resource.timestamp,
  });
}

/** The handler error code CloudFormation gives with a service's refusal: who may not, what is gone, what is wrong. */
function handlerErrorCode(error: AwsError): string {
  if (error.status === 401 || error.status === 403) return 'AccessDenied';
  if (error.code.endsWith('.NotFound')) return 'NotFound';
  return error.status >= 500 ? 'ServiceInternalError' : 'InvalidRequest';
}

/**
 * Why a resource failed, as its event says: CloudFormation's own validation errors as they are, and a refusal of the
 * service behind the resource (EC2's DependencyViolation, say) as its resource handler reports it, e.g.
 * `Resource handler returned message: "The vpc 'vpc-…' has dependencies and cannot be deleted. (Service: Ec2,
 * Status Code: 400, Request ID: …)" (RequestToken: …, HandlerErrorCode: InvalidRequest)`.
 */
function failureReason(error: AwsError): string {
  if (error.code === 'ValidationError') return error.message;
  const service = `${error.message} (Service: Ec2, Status Code: ${error.status}, Request ID: ${crypto.randomUUID()})`;
  return (
    `Resource handler returned message: "${service}" ` +
    `(RequestToken: ${crypto.randomUUID()}, HandlerErrorCode: ${handlerErrorCode(error)})`
  );
}

/** The stack's tags, overridden by the resource's own, as CloudFormation propagates them. */
function mergeTags(stackTags: Tag[], resourceTags: Tag[]): Tag[] {
  const merged = new Map(stackTags.map((t) => [t.Key, t.Value]));
  for (const tag of resourceTags) merged.set(tag.Key, tag.Value);
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

/**
 * Deletes the stack's resources newest first (the reverse of creation order is a valid dependency order), going on
 * past failures as CloudFormation does, and answers the logical ids it could not delete. A resource already gone
 * (deleted by hand) counts as deleted.
 */
async function deleteResources(stack: Stack, ctx: ServiceContext): Promise<string[]> {
  const failed: string[] = [];
  for (const resource of [...stack.resources].reverse()) {
    if (resource.status === 'DELETE_COMPLETE') continue;
    const handler = resourceHandlers.get(resource.type);
    if (resource.physicalId === '' || !handler) {
      resourceEvent(stack, resource, ctx, 'DELETE_COMPLETE');
      continue;
    }
    resourceEvent(stack, resource, ctx, 'DELETE_IN_PROGRESS');
    try {
      await handler.delete(resource.physicalId, ctx);
      resourceEvent(stack, resource, ctx, 'DELETE_COMPLETE');
    } catch (error) {
      if (!isAwsError(error)) throw error;
      if (error.code.endsWith('.NotFound')) {
        resourceEvent(stack, resource, ctx, 'DELETE_COMPLETE');
      } else {
        resourceEvent(stack, resource, ctx, 'DELETE_FAILED', failureReason(error));
        failed.push(resource.logicalId);
      }
    }
  }
  return failed;
}

async function rollBack(stack: Stack, ctx: ServiceContext, reason: string): Promise<void> {
  stackEvent(stack, ctx, 'ROLLBACK_IN_PROGRESS', reason);
  const failed = await deleteResources(stack, ctx);
  if (failed.length > 0)
    stackEvent(stack, ctx, 'ROLLBACK_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `);
  else stackEvent(stack, ctx, 'ROLLBACK_COMPLETE');
}

function outputText(value: Resolved | undefined, key: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw templateError(`the Value of output ${key} must resolve to a string (join a list with Fn::Join).`);
}

function optionalText(evaluator: Evaluator, value: TemplateValue | undefined, key: string): string | undefined {
  return value === undefined ? undefined : outputText(evaluator.resolve(value), key);
}

/** Builds the stack's resources in dependency order; on the first failure, rolls back everything already built. */
async function buildStack(
  stack: Stack,
  template: Template,
  evaluator: Evaluator,
  created: Map<string, CreatedResource>,
  ctx: ServiceContext,
): Promise<void> {
  stackEvent(stack, ctx, 'CREATE_IN_PROGRESS', 'User Initiated');
  for (const logicalId of template.order) {
    const declaration = template.resources.get(logicalId)!;
    if (declaration.condition !== undefined && !evaluator.holds(declaration.condition)) continue;
    const resource: StackResource = { logicalId, physicalId: '', type: declaration.type, status: '', timestamp: '' };
    stack.resources.push(resource);
    resourceEvent(stack, resource, ctx, 'CREATE_IN_PROGRESS');
    try {
      const handler = resourceHandlers.get(declaration.type);
      if (!handler) throw validationError(`Resource type ${declaration.type} is not supported by the sandbox`);
      const resolved = evaluator.resolve(declaration.properties);
      const properties = new Properties(logicalId, isTemplateObject(resolved) ? resolved : {});
      const result = await handler.create({
        logicalId,
        stackName: stack.stackName,
        properties,
        tags: mergeTags(stack.tags, properties.tags()),
        ctx,
        created: (physicalId) => {
          resource.physicalId = physicalId;
        },
      });
      resource.physicalId = result.physicalId;
      // EC2 refuses `aws:` tag keys from callers, so CloudFormation's own tags go straight onto the resource.
      result.stateTags?.push(
        { Key: 'aws:cloudformation:stack-name', Value: stack.stackName },
        { Key: 'aws:cloudformation:logical-id', Value: logicalId },
        { Key: 'aws:cloudformation:stack-id', Value: stack.stackId },
      );
      created.set(logicalId, result);
      resourceEvent(stack, resource, ctx, 'CREATE_COMPLETE');
    } catch (error) {
      if (!isAwsError(error)) throw error;
      resourceEvent(stack, resource, ctx, 'CREATE_FAILED', failureReason(error));
      await rollBack(
        stack,
        ctx,
        `The following resource(s) failed to create: [${logicalId}]. Rollback requested by user.`,
      );
      return;
    }
  }
  try {
    for (const [key, output] of template.outputs) {
      if (output.condition !== undefined && !evaluator.holds(output.condition)) continue;
      stack.outputs.push({
        key,
        value: outputText(evaluator.resolve(output.value), key),
        description: optionalText(evaluator, output.description, key),
        exportName: optionalText(evaluator, output.exportName, key),
      });
    }
  } catch (error) {
    if (!isAwsError(error)) throw error;
    stack.outputs = [];
    await rollBack(stack, ctx, error.message);
    return;
  }
  stackEvent(stack, ctx, 'CREATE_COMPLETE');
}

// ---- rendering -------------------------------------------------------------------------------------------------

function listOrNothing<T>(items: T[], render: (item: T) => XmlValue): XmlValue {
  return items.length > 0 ? items.map(render) : undefined;
}

function renderStack(stack: Stack): XmlValue {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    Description: stack.description,
    Parameters: listOrNothing(stack.parameters, (p) => ({ ParameterKey: p.key, ParameterValue: p.value })),
    CreationTime: stack.creationTime,
    DeletionTime: stack.deletionTime,
    LastUpdatedTime: stack.lastUpdatedTime,
    RollbackConfiguration: {},
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DisableRollback: false,
    NotificationARNs: [],
    Outputs: listOrNothing(stack.outputs, (o) => ({
      OutputKey: o.key,
      OutputValue: o.value,
      Description: o.description,
      ExportName: o.exportName,
    })),
    Tags: listOrNothing(stack.tags, (t) => ({ Key: t.Key, Value: t.Value })),
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

/** A resource's own fields, as every answer about stack resources lists them; its time under the answer's name. */
function resourceFields(
  resource: StackResource,
  timestampName: 'Timestamp' | 'LastUpdatedTimestamp',
): Record<string, XmlValue> {
  return {
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId || undefined,
    ResourceType: resource.type,
    [timestampName]: resource.timestamp,
    ResourceStatus: resource.status,
    ResourceStatusReason: resource.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

function renderResource(stack: Stack, resource: StackResource): Record<string, XmlValue> {
  return { StackName: stack.stackName, StackId: stack.stackId, ...resourceFields(resource, 'Timestamp') };
}

// ---- operations ------------------------------------------------------------------------------------------------

const operations: Record<string, QueryOperation> = {
  CreateStack: {
    resource: stackArnOf,
    async run(params, ctx) {
      const stackName = checkStackName(params.require('StackName'));
      const body = templateBodyOf(params);
      if (findStack(ctx, stackName))
        throw new AwsError('AlreadyExistsException', `Stack [${stackName}] already exists`);
      const template = readTemplate(body);
      const given = new Map(
        params
          .structs('Parameters.member')
          .map((p) => [p.require('ParameterKey'), p.get('ParameterValue') ?? ''] as const),
      );
      const parameters = await parameterValues(template, given, ctx);
      const stackId = `arn:aws:cloudformation:${ctx.region}:${ctx.account.accountId}:stack/${stackName}/${crypto.randomUUID()}`;
      const created = new Map<string, CreatedResource>();
      const evaluator = new Evaluator(template, {
        region: ctx.region,
        accountId: ctx.account.accountId,
        stackName,
        stackId,
        parameters,
        resources: created,
      });
      // Conditions read only parameters, so a broken one is refused now, before the stack exists, as CloudFormation
      // does.
      for (const name of template.conditions.keys()) evaluator.holds(name);
      const stack: Stack = {
        stackId,
        stackName,
        status: 'CREATE_IN_PROGRESS',
        creationTime: ctx.now.toISOString(),
        description: template.description,
        templateBody: body,
        // Stored as DescribeStacks shows them: the state is saved and exported, so NoEcho values are never kept.
        parameters: [...parameters].map(([key, value]) => ({
          key,
          value: template.parameters.get(key)!.noEcho ? '****' : Array.isArray(value) ? value.join(',') : value,
        })),
        outputs: [],
        resources: [],
        events: [],
        tags: params.structs('Tags.member').map((t) => ({ Key: t.require('Key'), Value: t.get('Value') ?? '' })),
      };
      regionOf(ctx).stacks[stack.stackId] = stack;
      await buildStack(stack, template, evaluator, created, ctx);
      return { StackId: stack.stackId };
    },
  },

  DescribeStacks: {
    resource: stackArnOf,
    run(params, ctx) {
      const name = params.get('StackName');
      const stacks =
        name === undefined
          ? Object.values(regionOf(ctx).stacks).filter((s) => s.status !== 'DELETE_COMPLETE')
          : [requireStack(ctx, name)];
      return { Stacks: stacks.map(renderStack) };
    },
  },

  ListStacks: {
    run(params, ctx) {
      const wanted = params.list('StackStatusFilter.member');
      const stacks = Object.values(regionOf(ctx).stacks)
        .filter((s) => wanted.length === 0 || wanted.includes(s.status))
        .sort((a, b) => b.creationTime.localeCompare(a.creationTime));
      return {
        StackSummaries: stacks.map((s) => ({
          StackId: s.stackId,
          StackName: s.stackName,
          TemplateDescription: s.description,
          CreationTime: s.creationTime,
          DeletionTime: s.deletionTime,
          StackStatus: s.status,
          StackStatusReason: s.statusReason,
          DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
        })),
      };
    },
  },

  DescribeStackResources: {
    resource: stackArnOf,
    run(params, ctx) {
      const name = params.get('StackName');
      const physicalId = params.get('PhysicalResourceId');
      let stack: Stack;
      if (name !== undefined) stack = requireStack(ctx, name);
      else if (physicalId !== undefined) {
        const owner = Object.values(regionOf(ctx).stacks).find(
          (s) => s.status !== 'DELETE_COMPLETE' && s.resources.some((r) => r.physicalId === physicalId),
        );
        if (!owner) throw validationError(`Stack for ${physicalId} does not exist`);
        stack = owner;
      } else throw validationError('Either StackName or PhysicalResourceId must be specified.');
      // Named by a physical id, the answer is every resource of the stack that owns it: that is what the id is for.
      const logicalId = params.get('LogicalResourceId');
      const resources = stack.resources.filter((r) => logicalId === undefined || r.logicalId === logicalId);
      return { StackResources: resources.map((r) => renderResource(stack, r)) };
    },
  },

  DescribeStackResource: {
    resource: stackArnOf,
    run(params, ctx) {
      const stack = requireStack(ctx, params.require('StackName'));
      const logicalId = params.require('LogicalResourceId');
      const resource = stack.resources.find((r) => r.logicalId === logicalId);
      if (!resource) throw validationError(`Resource ${logicalId} does not exist for stack ${stack.stackName}`);
      const { Timestamp, ...detail } = renderResource(stack, resource);
      return { StackResourceDetail: { ...detail, LastUpdatedTimestamp: Timestamp } };
    },
  },

  ListStackResources: {
    resource: stackArnOf,
    run(params, ctx) {
      const stack = requireStack(ctx, params.require('StackName'));
      return {
        StackResourceSummaries: stack.resources.map((r) => resourceFields(r, 'LastUpdatedTimestamp')),
      };
    },
  },

  DescribeStackEvents: {
    resource: stackArnOf,
    run(params, ctx) {
      const stack = requireStack(ctx, params.require('StackName'));
      return {
        StackEvents: [...stack.events].reverse().map((e) => ({
          StackId: stack.stackId,
          EventId: e.eventId,
          StackName: stack.stackName,
          LogicalResourceId: e.logicalId,
          PhysicalResourceId: e.physicalId || undefined,
          ResourceType: e.type,
          Timestamp: e.timestamp,
          ResourceStatus: e.status,
          ResourceStatusReason: e.statusReason,
        })),
      };
    },
  },

  GetTemplate: {
    resource: stackArnOf,
    run(params, ctx) {
      const stack = requireStack(ctx, params.require('StackName'));
      return { TemplateBody: stack.templateBody, StagesAvailable: ['Original', 'Processed'] };
    },
  },

  ValidateTemplate: {
    run(params) {
      const template = readTemplate(templateBodyOf(params));
      return {
        Parameters: [...template.parameters].map(([key, p]) => ({
          ParameterKey: key,
          DefaultValue: p.default,
          NoEcho: p.noEcho,
          Description: p.description,
        })),
        Description: template.description,
        Capabilities: [],
        DeclaredTransforms: [],
      };
    },
  },

  DeleteStack: {
    resource: stackArnOf,
    async run(params, ctx) {
      const stack = findStack(ctx, params.require('StackName'));
      // AWS answers success for a stack that does not exist, or is already deleted.
      if (!stack || stack.status === 'DELETE_COMPLETE') return null;
      stackEvent(stack, ctx, 'DELETE_IN_PROGRESS', 'User Initiated');
      const failed = await deleteResources(stack, ctx);
      if (failed.length > 0) {
        stackEvent(stack, ctx, 'DELETE_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `);
      } else {
        stack.deletionTime = ctx.now.toISOString();
        stackEvent(stack, ctx, 'DELETE_COMPLETE');
      }
      return null;
    },
  },
};

/** CloudFormation's query-protocol service. */
export const cloudFormationService: QueryService = {
  signingName: 'cloudformation',
  actionPrefix: 'cloudformation',
  dialect: {
    style: 'aws-query',
    namespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
    version: '2010-05-15',
  },
  operations,
};

/** CloudFormation as the sandbox core serves it. */
export const cloudFormationEndpoint = queryEndpoint(cloudFormationService);
