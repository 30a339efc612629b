/**
 * CloudFormation templates for the sandbox: reading JSON or YAML (with the `!Ref`-style short forms), checking them as
 * CloudFormation does before it creates anything, binding parameter values, and evaluating intrinsic functions while
 * a stack is built. Nothing here touches the sandbox's state; the service passes in what a template may refer to.
 */
import { Pair, parseDocument, YAMLMap, type Tags } from 'yaml';
import { jsonErrorOffset } from '../../iam-policy/json-position';
import { AwsError } from '../aws-error';
import { bytesToBase64 } from '../base64';
import { zonesOf } from '../regions';
import { isPlainObject } from '../../lib/is-plain-object';
import { nameRecord } from '../../lib/name-record';

/** A template value as JSON or YAML gives it, intrinsic functions still written as one-key objects. */
export type TemplateValue = string | number | boolean | null | TemplateValue[] | TemplateObject;

/** A JSON object inside a template. */
export interface TemplateObject {
  [key: string]: TemplateValue;
}

/** A value with every intrinsic function evaluated. */
export type Resolved = TemplateValue;

/** One entry of the template's `Parameters` section. */
export interface ParameterDeclaration {
  type: string;
  default?: string;
  allowedValues?: string[];
  allowedPattern?: string;
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
  noEcho: boolean;
  description?: string;
}

/** One entry of the template's `Resources` section. */
export interface ResourceDeclaration {
  type: string;
  properties: TemplateObject;
  dependsOn: string[];
  condition?: string;
}

/** One entry of the template's `Outputs` section. */
export interface OutputDeclaration {
  value: TemplateValue;
  description?: TemplateValue;
  exportName?: TemplateValue;
  condition?: string;
}

/** A template that has passed CloudFormation's checks, sections keyed by logical id in template order. */
export interface Template {
  description?: string;
  parameters: Map<string, ParameterDeclaration>;
  mappings: TemplateObject;
  conditions: Map<string, TemplateValue>;
  resources: Map<string, ResourceDeclaration>;
  outputs: Map<string, OutputDeclaration>;
  /** Logical ids in an order that creates every resource after the resources it refers to or depends on. */
  order: string[];
  /** Every `Fn::GetAtt` (and `${Resource.Attribute}` in `Fn::Sub`), so the service can check the attribute exists. */
  attributeReferences: { logicalId: string; attribute: string }[];
}

/** CloudFormation's error for a template it cannot read or whose references do not add up. */
export function templateFormatError(message: string): AwsError {
  return new AwsError('ValidationError', `Template format error: ${message}`);
}

/** CloudFormation's error for an intrinsic function it cannot evaluate. */
export function templateError(message: string): AwsError {
  return new AwsError('ValidationError', `Template error: ${message}`);
}

const sections = [
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Rules',
];

/** The intrinsic functions the sandbox evaluates; any other `Fn::` is refused when the template is read. */
const supportedFunctions = [
  'Fn::Base64',
  'Fn::FindInMap',
  'Fn::GetAtt',
  'Fn::GetAZs',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Ref',
  'Fn::Equals',
  'Fn::If',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
  'Condition',
];

const pseudoParameters = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

const ec2ParameterTypes =
  'AvailabilityZone::Name|Image::Id|Instance::Id|KeyPair::KeyName|SecurityGroup::GroupName|SecurityGroup::Id|Subnet::Id|Volume::Id|VPC::Id';
const parameterTypePattern = new RegExp(
  `^(String|Number|List<Number>|CommaDelimitedList|AWS::EC2::(${ec2ParameterTypes})|List<AWS::EC2::(${ec2ParameterTypes})>|AWS::SSM::Parameter::Name|AWS::SSM::Parameter::Value<.+>)$`,
);

// ---- reading the text ------------------------------------------------------------------------------------------

/**
 * The YAML short forms. Each may wrap a scalar (`!Ref VPC`), a sequence (`!Join [',', …]`) or a mapping, so every
 * tag is declared three times; all of them become the long form (`{ "Fn::Join": […] }`) that JSON templates use.
 */
const shortForms: Tags = [
  ...['Ref', 'Condition'].map((name) => [name, name] as const),
  ...[
    'Base64',
    'Cidr',
    'FindInMap',
    'GetAtt',
    'GetAZs',
    'ImportValue',
    'Join',
    'Select',
    'Split',
    'Sub',
    'Transform',
    'And',
    'Equals',
    'If',
    'Not',
    'Or',
  ].map((name) => [name, `Fn::${name}`] as const),
].flatMap(([tag, fn]) => [
  // `!GetAtt VPC.CidrBlock` is the scalar form of `[VPC, CidrBlock]`; attribute names may hold dots themselves.
  { tag: `!${tag}`, resolve: (text: string) => ({ [fn]: fn === 'Fn::GetAtt' ? splitAttribute(text) : text }) },
  ...(['seq', 'map'] as const).map((collection) => ({
    tag: `!${tag}`,
    collection,
    // Returning a node (not a plain object) lets nested tags and aliases inside resolve as usual.
    resolve: (node: unknown) => {
      const wrapper = new YAMLMap();
      wrapper.items.push(new Pair(fn, node));
      return wrapper;
    },
  })),
]);

function splitAttribute(text: string): string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** The template's data: JSON when it starts with `{`, as CloudFormation decides, YAML otherwise. */
function readBody(body: string): unknown {
  if (body.trimStart().startsWith('{')) {
    try {
      return JSON.parse(body);
    } catch {
      const { line, column } = lineAndColumn(body, jsonErrorOffset(body) ?? 0);
      throw templateFormatError(`JSON not well-formed. (line ${line}, column ${column})`);
    }
  }
  const document = parseDocument(body, { customTags: shortForms, logLevel: 'silent' });
  // An unknown `!Tag` is only a warning to the yaml library; CloudFormation cannot read such a template at all.
  const problem = document.errors[0] ?? document.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (problem) {
    const position = problem.linePos?.[0] ?? { line: 1, col: 1 };
    throw templateFormatError(`YAML not well-formed. (line ${position.line}, column ${position.col})`);
  }
  try {
    return document.toJS({ maxAliasCount: 1000 });
  } catch {
    throw templateFormatError('YAML not well-formed. (line 1, column 1)');
  }
}

/** True for a JSON object (not a list, not null). */
export function isTemplateObject(value: unknown): value is TemplateObject {
  return isPlainObject(value);
}

function scalarText(value: TemplateValue | undefined): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

function sectionOf(root: TemplateObject, name: string): TemplateObject {
  const section = root[name];
  if (section === undefined || section === null) return {};
  if (!isTemplateObject(section)) throw templateFormatError(`The ${name} section must be an object.`);
  return section;
}

function checkLogicalId(kind: string, id: string): void {
  if (!/^[A-Za-z0-9]+$/.test(id)) throw templateFormatError(`${kind} name ${id} is non alphanumeric.`);
}

// ---- sections --------------------------------------------------------------------------------------------------

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function readParameters(section: TemplateObject): Map<string, ParameterDeclaration> {
  const parameters = new Map<string, ParameterDeclaration>();
  for (const [key, value] of Object.entries(section)) {
    checkLogicalId('Parameter', key);
    if (!isTemplateObject(value) || typeof value.Type !== 'string')
      throw templateFormatError('Every Parameters object must contain a Type member.');
    if (!parameterTypePattern.test(value.Type)) throw templateFormatError(`Unrecognized parameter type: ${value.Type}`);
    const number = (name: string) => (value[name] === undefined ? undefined : Number(value[name]));
    const allowed = value.AllowedValues;
    const pattern = scalarText(value.AllowedPattern);
    if (pattern !== undefined && !isValidPattern(pattern))
      throw templateFormatError(`Parameter ${key} has an invalid AllowedPattern: ${pattern}`);
    parameters.set(key, {
      type: value.Type,
      default: scalarText(value.Default),
      allowedValues: Array.isArray(allowed) ? allowed.map((v) => scalarText(v) ?? '') : undefined,
      allowedPattern: pattern,
      minLength: number('MinLength'),
      maxLength: number('MaxLength'),
      minValue: number('MinValue'),
      maxValue: number('MaxValue'),
      noEcho: String(value.NoEcho) === 'true',
      description: scalarText(value.Description),
    });
  }
  return parameters;
}

function readResources(section: TemplateObject): Map<string, ResourceDeclaration> {
  const resources = new Map<string, ResourceDeclaration>();
  for (const [id, value] of Object.entries(section)) {
    checkLogicalId('Resource', id);
    if (!isTemplateObject(value) || typeof value.Type !== 'string')
      throw templateFormatError(`[/Resources/${id}] Every Resources object must contain a Type member.`);
    const properties = value.Properties ?? {};
    if (!isTemplateObject(properties))
      throw templateFormatError(`[/Resources/${id}/Properties] Properties must be an object.`);
    const dependsOn =
      value.DependsOn === undefined ? [] : Array.isArray(value.DependsOn) ? value.DependsOn : [value.DependsOn];
    if (!dependsOn.every((d) => typeof d === 'string'))
      throw templateFormatError(`[/Resources/${id}/DependsOn] DependsOn must be a string or a list of strings.`);
    const condition = value.Condition;
    if (condition !== undefined && typeof condition !== 'string')
      throw templateFormatError(`[/Resources/${id}/Condition] Condition must be a string.`);
    resources.set(id, { type: value.Type, properties, dependsOn: dependsOn as string[], condition });
  }
  return resources;
}

function readOutputs(section: TemplateObject): Map<string, OutputDeclaration> {
  const outputs = new Map<string, OutputDeclaration>();
  for (const [key, value] of Object.entries(section)) {
    checkLogicalId('Output', key);
    if (!isTemplateObject(value) || value.Value === undefined)
      throw templateFormatError('Every Outputs member must contain a Value object');
    const exportName = isTemplateObject(value.Export) ? value.Export.Name : undefined;
    const condition = typeof value.Condition === 'string' ? value.Condition : undefined;
    outputs.set(key, { value: value.Value, description: value.Description, exportName, condition });
  }
  return outputs;
}

// ---- references ------------------------------------------------------------------------------------------------

/** The function an object stands for, when it is an intrinsic (`{ "Ref": … }`, `{ "Fn::Join": … }`). */
function intrinsicOf(value: TemplateObject): { name: string; argument: TemplateValue } | null {
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const name = keys[0]!;
  if (name === 'Ref' || name.startsWith('Fn::') || (name === 'Condition' && typeof value[name] === 'string'))
    return { name, argument: value[name]! };
  return null;
}

interface References {
  refs: Set<string>;
  attributes: { logicalId: string; attribute: string }[];
  conditions: Set<string>;
}

/** The `${Name}` and `${Resource.Attribute}` variables of a `Fn::Sub` string, without `${!Literal}` escapes. */
function subVariables(text: string): string[] {
  return [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!.trim()).filter((name) => !name.startsWith('!'));
}

/** Collects what a value refers to, refusing functions the sandbox does not evaluate. */
function collectReferences(value: TemplateValue, resources: ReadonlyMap<string, unknown>, into: References): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, resources, into);
    return;
  }
  if (!isTemplateObject(value)) return;
  for (const key of Object.keys(value)) {
    if (key.startsWith('Fn::') && !supportedFunctions.includes(key)) {
      throw templateFormatError(
        `Encountered unsupported function: ${key} Supported functions are: [${supportedFunctions.join(', ')}]`,
      );
    }
  }
  const call = intrinsicOf(value);
  if (!call) {
    for (const item of Object.values(value)) collectReferences(item, resources, into);
    return;
  }
  const { name, argument } = call;
  if (name === 'Ref') {
    if (typeof argument !== 'string') throw templateFormatError('Every Ref object must have a single String value.');
    into.refs.add(argument);
  } else if (name === 'Condition') {
    into.conditions.add(argument as string);
  } else if (name === 'Fn::GetAtt') {
    const [logicalId, attribute] =
      typeof argument === 'string' ? splitAttribute(argument) : Array.isArray(argument) ? argument : [];
    if (typeof logicalId !== 'string' || typeof attribute !== 'string') {
      throw templateError(
        'every Fn::GetAtt object requires two non-empty parameters, the resource name and the resource attribute',
      );
    }
    into.attributes.push({ logicalId, attribute });
  } else if (name === 'Fn::Sub') {
    const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
    if (typeof text !== 'string' || !isTemplateObject(variables))
      throw templateError('Fn::Sub needs a string, or a list of a string and a map of variables.');
    collectReferences(variables, resources, into);
    for (const variable of subVariables(text)) {
      if (Object.hasOwn(variables, variable)) continue;
      const dot = variable.indexOf('.');
      if (dot > 0 && resources.has(variable.slice(0, dot)))
        into.attributes.push({ logicalId: variable.slice(0, dot), attribute: variable.slice(dot + 1) });
      else into.refs.add(variable);
    }
  } else {
    if (name === 'Fn::If' && Array.isArray(argument) && typeof argument[0] === 'string')
      into.conditions.add(argument[0]);
    collectReferences(argument, resources, into);
  }
}

function emptyReferences(): References {
  return { refs: new Set(), attributes: [], conditions: new Set() };
}

function checkConditionNames(used: Iterable<string>, conditions: ReadonlyMap<string, unknown>, block: string): void {
  const missing = [...used].filter((name) => !conditions.has(name));
  if (missing.length > 0)
    throw templateFormatError(
      `Unresolved condition dependencies [${missing.join(', ')}] in the ${block} block of the template`,
    );
}

/** Resources in creation order: each after what it refers to, otherwise in template order, as CloudFormation plans. */
function creationOrder(dependencies: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < dependencies.size) {
    const next = [...dependencies.keys()].find(
      (id) => !done.has(id) && [...dependencies.get(id)!].every((d) => done.has(d)),
    );
    if (next === undefined) {
      const stuck = [...dependencies.keys()].filter((id) => !done.has(id));
      throw templateFormatError(`Circular dependency between resources: [${stuck.join(', ')}]`);
    }
    order.push(next);
    done.add(next);
  }
  return order;
}

/**
 * Reads and checks a template as CloudFormation does before creating anything: well-formed JSON or YAML, known
 * sections, a Type for every resource, only supported functions, every Ref, GetAtt, Sub variable and DependsOn
 * naming something that exists, and no circular dependencies. Throws `ValidationError` with AWS's wording.
 */
export function parseTemplate(body: string): Template {
  const root = readBody(body);
  if (!isTemplateObject(root)) throw templateFormatError('unsupported structure.');
  const unknown = Object.keys(root).filter((key) => !sections.includes(key));
  if (unknown.length > 0) throw templateFormatError(`Invalid template property or properties [${unknown.join(', ')}]`);
  if (root.Transform !== undefined)
    throw new AwsError(
      'ValidationError',
      'The sandbox does not run template macros (Transform); expand the template first.',
    );
  const parameters = readParameters(sectionOf(root, 'Parameters'));
  const resourceSection = sectionOf(root, 'Resources');
  if (Object.keys(resourceSection).length === 0)
    throw templateFormatError('At least one Resources member must be defined.');
  const resources = readResources(resourceSection);
  const outputs = readOutputs(sectionOf(root, 'Outputs'));
  const conditions = new Map(Object.entries(sectionOf(root, 'Conditions')));
  const known = (name: string) => parameters.has(name) || resources.has(name) || pseudoParameters.includes(name);

  const conditionRefs = emptyReferences();
  for (const expression of conditions.values()) collectReferences(expression, resources, conditionRefs);
  const notParameters = [...conditionRefs.refs].filter(
    (name) => !parameters.has(name) && !pseudoParameters.includes(name),
  );
  if (notParameters.length > 0)
    throw templateFormatError(
      `Unresolved dependencies [${notParameters.join(', ')}]. Cannot reference resources in the Conditions block of ` +
        `the template`,
    );
  checkConditionNames(conditionRefs.conditions, conditions, 'Conditions');

  const attributeReferences: Template['attributeReferences'] = [];
  const dependencies = new Map<string, Set<string>>();
  const checkBlock = (references: References, block: string) => {
    const unresolved = [...references.refs].filter((name) => !known(name));
    if (unresolved.length > 0)
      throw templateFormatError(
        `Unresolved resource dependencies [${unresolved.join(', ')}] in the ${block} block of the template`,
      );
    const undefinedTarget = references.attributes.find((a) => !resources.has(a.logicalId));
    if (undefinedTarget)
      throw templateError(`instance of Fn::GetAtt references undefined resource ${undefinedTarget.logicalId}`);
    checkConditionNames(references.conditions, conditions, block);
    attributeReferences.push(...references.attributes);
  };
  for (const [id, resource] of resources) {
    const references = emptyReferences();
    collectReferences(resource.properties, resources, references);
    if (resource.condition !== undefined) references.conditions.add(resource.condition);
    checkBlock(references, 'Resources');
    const missing = resource.dependsOn.filter((d) => !resources.has(d));
    if (missing.length > 0)
      throw templateFormatError(
        `Unresolved resource dependencies [${missing.join(', ')}] in the Resources block of the template`,
      );
    const needs = new Set([...references.refs].filter((name) => resources.has(name)));
    for (const a of references.attributes) needs.add(a.logicalId);
    for (const d of resource.dependsOn) needs.add(d);
    dependencies.set(id, needs);
  }
  for (const output of outputs.values()) {
    const references = emptyReferences();
    collectReferences([output.value, output.description ?? null, output.exportName ?? null], resources, references);
    if (output.condition !== undefined) references.conditions.add(output.condition);
    checkBlock(references, 'Outputs');
  }
  return {
    description: scalarText(root.Description),
    parameters,
    mappings: sectionOf(root, 'Mappings'),
    conditions,
    resources,
    outputs,
    order: creationOrder(dependencies),
    attributeReferences,
  };
}

// ---- parameters ------------------------------------------------------------------------------------------------

/** True for parameter types whose value is a comma-separated list, which `Ref` gives as a list. */
export function isListParameter(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

/**
 * The value of every declared parameter: the one given, else its default. Refuses unknown names, missing values and
 * values outside the declared constraints, with CloudFormation's messages.
 */
export function bindParameters(template: Template, given: ReadonlyMap<string, string>): Map<string, string> {
  const unknown = [...given.keys()].filter((key) => !template.parameters.has(key));
  if (unknown.length > 0)
    throw new AwsError('ValidationError', `Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing = [...template.parameters]
    .filter(([key, p]) => !given.has(key) && p.default === undefined)
    .map(([key]) => key);
  if (missing.length > 0) throw new AwsError('ValidationError', `Parameters: [${missing.join(', ')}] must have values`);
  const values = new Map<string, string>();
  for (const [key, declaration] of template.parameters) {
    const value = given.get(key) ?? declaration.default!;
    checkParameter(key, value, declaration);
    values.set(key, value);
  }
  return values;
}

function checkParameter(key: string, value: string, p: ParameterDeclaration): void {
  const refuse = (why: string) => new AwsError('ValidationError', `Parameter '${key}' ${why}`);
  const items = isListParameter(p.type) ? value.split(',').map((v) => v.trim()) : [value];
  for (const item of items) {
    if (p.allowedValues && !p.allowedValues.includes(item)) throw refuse('must be one of AllowedValues');
    if (p.allowedPattern !== undefined && !new RegExp(`^(?:${p.allowedPattern})$`).test(item))
      throw refuse(`must match pattern ${p.allowedPattern}`);
    if (p.minLength !== undefined && item.length < p.minLength)
      throw refuse(`must contain at least ${p.minLength} characters`);
    if (p.maxLength !== undefined && item.length > p.maxLength) throw refuse(`cannot exceed ${p.maxLength} characters`);
    if (p.type === 'Number' || p.type === 'List<Number>') {
      const number = Number(item);
      if (item.trim() === '' || Number.isNaN(number)) throw refuse('must be a number');
      if (p.minValue !== undefined && number < p.minValue) throw refuse(`must be a number not less than ${p.minValue}`);
      if (p.maxValue !== undefined && number > p.maxValue)
        throw refuse(`must be a number not greater than ${p.maxValue}`);
    }
  }
}

// ---- evaluation ----------------------------------------------------------------------------------------------

/** A resource the stack has created, as intrinsic functions see it. */
export interface CreatedResource {
  physicalId: string;
  /** What `Fn::GetAtt` gives for each attribute the resource type supports. */
  attributes: Readonly<Record<string, Resolved>>;
}

/** Everything intrinsic functions may read while a stack is built. */
export interface StackScope {
  region: string;
  accountId: string;
  stackName: string;
  stackId: string;
  /** Parameter values for `Ref`: a string, or a list for list types. */
  parameters: ReadonlyMap<string, string | string[]>;
  /** The resources created so far, by logical id. */
  resources: ReadonlyMap<string, CreatedResource>;
}

function requireText(value: Resolved | undefined, where: string): string {
  const text = scalarText(value ?? undefined);
  if (text === undefined) throw templateError(`${where} must resolve to a string.`);
  return text;
}

/** Evaluates intrinsic functions and conditions against one stack. */
export class Evaluator {
  private readonly conditionValues = new Map<string, boolean>();

  constructor(
    private readonly template: Template,
    private readonly scope: StackScope,
  ) {}

  /** Whether the named condition of the `Conditions` section holds. */
  holds(name: string, visiting: ReadonlySet<string> = new Set()): boolean {
    const known = this.conditionValues.get(name);
    if (known !== undefined) return known;
    const expression = this.template.conditions.get(name);
    if (expression === undefined) throw templateFormatError(`Unresolved condition dependencies [${name}]`);
    if (visiting.has(name))
      throw templateFormatError(`Circular dependency between conditions: [${[...visiting].join(', ')}]`);
    const value = this.truth(expression, new Set([...visiting, name]));
    this.conditionValues.set(name, value);
    return value;
  }

  /** A value with every intrinsic function evaluated; `undefined` when it is `Ref: AWS::NoValue`, which removes it. */
  resolve(value: TemplateValue): Resolved | undefined {
    if (Array.isArray(value))
      return value.map((item) => this.resolve(item)).filter((item): item is Resolved => item !== undefined);
    if (!isTemplateObject(value)) return value;
    const call = intrinsicOf(value);
    if (call) return this.call(call.name, call.argument);
    const result: TemplateObject = nameRecord();
    for (const [key, item] of Object.entries(value)) {
      const resolved = this.resolve(item);
      if (resolved !== undefined) result[key] = resolved;
    }
    return result;
  }

  /** What `Ref` gives for a parameter, pseudo parameter or resource. */
  private ref(name: string): Resolved | undefined {
    const pseudo: Record<string, Resolved | undefined> = {
      'AWS::AccountId': this.scope.accountId,
      'AWS::NotificationARNs': [],
      'AWS::NoValue': undefined,
      'AWS::Partition': 'aws',
      'AWS::Region': this.scope.region,
      'AWS::StackId': this.scope.stackId,
      'AWS::StackName': this.scope.stackName,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    if (Object.hasOwn(pseudo, name)) return pseudo[name];
    const parameter = this.scope.parameters.get(name);
    if (parameter !== undefined) return parameter;
    return this.created(name).physicalId;
  }

  /** A resource the stack created; one skipped by its condition cannot be referred to, as CloudFormation says. */
  private created(logicalId: string): CreatedResource {
    const resource = this.scope.resources.get(logicalId);
    if (!resource)
      throw templateFormatError(
        `Unresolved resource dependencies [${logicalId}] in the Resources block of the template`,
      );
    return resource;
  }

  private attribute(logicalId: string, attribute: string): Resolved {
    const value = this.created(logicalId).attributes[attribute];
    if (value === undefined)
      throw templateError(`resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
    return value;
  }

  private list(value: TemplateValue, where: string): Resolved[] {
    const resolved = this.resolve(value);
    if (!Array.isArray(resolved)) throw templateError(`${where} needs a list, or a function that returns a list.`);
    return resolved;
  }

  private arguments(argument: TemplateValue, name: string, count: number): TemplateValue[] {
    if (!Array.isArray(argument) || argument.length !== count)
      throw templateError(`every ${name} object requires ${count} parameters in a list.`);
    return argument;
  }

  private truth(expression: TemplateValue, visiting: ReadonlySet<string>): boolean {
    if (isTemplateObject(expression)) {
      const call = intrinsicOf(expression);
      if (call?.name === 'Condition') return this.holds(call.argument as string, visiting);
      if (call && ['Fn::Not', 'Fn::And', 'Fn::Or'].includes(call.name)) {
        if (!Array.isArray(call.argument)) throw templateError(`${call.name} needs a list of conditions.`);
        const values = call.argument.map((item) => this.truth(item, visiting));
        if (call.name === 'Fn::Not') return !values[0];
        return call.name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
      }
    }
    const value = this.resolve(expression);
    if (typeof value !== 'boolean')
      throw templateError('a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition.');
    return value;
  }

  private call(name: string, argument: TemplateValue): Resolved | undefined {
    // parseTemplate has checked the arguments of Ref, Condition and Fn::GetAtt are names, so they are read as such.
    switch (name) {
      case 'Ref':
        return this.ref(argument as string);
      case 'Condition':
        return this.holds(argument as string);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = typeof argument === 'string' ? splitAttribute(argument) : (argument as string[]);
        return this.attribute(logicalId!, attribute!);
      }
      case 'Fn::Sub':
        return this.substitute(argument);
      case 'Fn::Join': {
        if (!Array.isArray(argument) || argument.length !== 2 || typeof argument[0] !== 'string') {
          throw templateError(
            'every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be ' +
              'joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.',
          );
        }
        return this.list(argument[1]!, 'Fn::Join')
          .map((item) => requireText(item, 'Every element joined by Fn::Join'))
          .join(argument[0]);
      }
      case 'Fn::Select': {
        const [index, list] = this.arguments(argument, name, 2);
        const position = Number(this.resolve(index!));
        const items = this.list(list!, 'Fn::Select');
        if (!Number.isInteger(position) || position < 0 || position >= items.length)
          throw templateError(`Fn::Select cannot select nonexistent value at index ${position}`);
        return items[position]!;
      }
      case 'Fn::Split': {
        const [delimiter, source] = this.arguments(argument, name, 2);
        return requireText(this.resolve(source!), 'The string Fn::Split splits').split(
          requireText(delimiter, 'The delimiter of Fn::Split'),
        );
      }
      case 'Fn::GetAZs': {
        const region = requireText(this.resolve(argument) ?? '', 'The region of Fn::GetAZs');
        return zonesOf(region === '' ? this.scope.region : region);
      }
      case 'Fn::Base64':
        return bytesToBase64(new TextEncoder().encode(requireText(this.resolve(argument), 'The value of Fn::Base64')));
      case 'Fn::FindInMap': {
        const [map, top, second] = this.arguments(argument, name, 3).map((item) =>
          requireText(this.resolve(item), 'Every key of Fn::FindInMap'),
        );
        const level = (value: TemplateValue | undefined, key: string) =>
          isTemplateObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
        const found = level(level(level(this.template.mappings, map!), top!), second!);
        if (found === undefined) throw templateError(`Unable to get mapping for ${map}::${top}::${second}`);
        return found;
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = this.arguments(argument, name, 3);
        return this.resolve(
          this.holds(requireText(condition, 'The condition name of Fn::If')) ? whenTrue! : whenFalse!,
        );
      }
      case 'Fn::Equals': {
        // CloudFormation compares the values as text, so `!Equals [!Ref Count, 2]` holds for the string "2".
        const [left, right] = this.arguments(argument, name, 2).map((item) => {
          const value = this.resolve(item) ?? null;
          return scalarText(value) ?? JSON.stringify(value);
        });
        return left === right;
      }
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or':
        return this.truth({ [name]: argument }, new Set());
      default:
        throw templateFormatError(
          `Encountered unsupported function: ${name} Supported functions are: [${supportedFunctions.join(', ')}]`,
        );
    }
  }

  private substitute(argument: TemplateValue): string {
    const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
    if (typeof text !== 'string' || !isTemplateObject(variables))
      throw templateError('Fn::Sub needs a string, or a list of a string and a map of variables.');
    return text.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      if (Object.hasOwn(variables, name))
        return requireText(this.resolve(variables[name]!), `The Fn::Sub variable ${name}`);
      const dot = name.indexOf('.');
      if (dot > 0 && this.template.resources.has(name.slice(0, dot)))
        return requireText(this.attribute(name.slice(0, dot), name.slice(dot + 1)), `\${${name}}`);
      return requireText(this.ref(name), `\${${name}}`);
    });
  }
}
