import type { ActionResources } from '../authorize';
import { AwsError } from '../aws-error';
import { boundedMemo } from '../../lib/bounded-memo';
import type { ServiceContext } from '../context';
import { renderXmlDocument, type XmlValue } from '../xml';
import { madeResponse } from '../made-response';

/**
 * The query protocol: parameters as `application/x-www-form-urlencoded` pairs (`Action=DescribeVpcs&VpcId.1=…`),
 * answers as XML. EC2 speaks its own dialect of it (`<item>` lists, `<Response><Errors>` errors); IAM, STS and
 * CloudFormation speak the common one (`<member>` lists, `<XResult>` wrappers, `<ErrorResponse>`).
 */
export interface QueryDialect {
  style: 'ec2' | 'aws-query';
  namespace: string;
  version: string;
}

/** A query request's parameters, read by name; lists by prefix (`Filter.1.Value.2`, `Tags.member.1.Key`). */
export class QueryParams {
  constructor(
    private readonly values: ReadonlyMap<string, string>,
    readonly dialect: QueryDialect,
    private readonly prefix = '',
  ) {}

  /** The parameter's value, or undefined when absent. */
  get(name: string): string | undefined {
    return this.values.get(this.prefix + name);
  }

  /** The parameter's value; a missing one is the error AWS gives for it. */
  require(name: string): string {
    const value = this.get(name);
    if (value === undefined || (value === '' && this.dialect.style === 'ec2'))
      throw missingParameter(this.dialect, this.prefix + name);
    return value;
  }

  /** An integer parameter within bounds, or the fallback when absent. */
  int(name: string, fallback: number, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
    const text = this.get(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw invalidValue(this.dialect, this.prefix + name, text, `must be an integer between ${min} and ${max}`);
    }
    return value;
  }

  /** A boolean parameter (`true`/`false`), or undefined when absent. */
  bool(name: string): boolean | undefined {
    const text = this.get(name);
    if (text === undefined) return undefined;
    if (text !== 'true' && text !== 'false')
      throw invalidValue(this.dialect, this.prefix + name, text, 'must be true or false');
    return text === 'true';
  }

  /** The numbered values `name.1`, `name.2`, ... in order (IAM's `name.member.N` when `member` is given). */
  list(name: string): string[] {
    return this.numbered(name)
      .map(([key]) => this.values.get(key)!)
      .filter((v) => v !== undefined);
  }

  /** The numbered structures under `name` (`name.1.Key`, `name.1.Value`, ...), each read like a request. */
  structs(name: string): QueryParams[] {
    return this.numbered(name, true).map(([key]) => new QueryParams(this.values, this.dialect, `${key}.`));
  }

  /** True when any parameter under `name` was sent. */
  has(name: string): boolean {
    const full = this.prefix + name;
    for (const key of this.values.keys()) if (key === full || key.startsWith(`${full}.`)) return true;
    return false;
  }

  /** Every parameter under `name.`, by the rest of its name (`LaunchTemplateData.ImageId` → `ImageId`). */
  under(name: string): Record<string, string> {
    const full = `${this.prefix}${name}.`;
    const found: Record<string, string> = {};
    for (const [key, value] of this.values) if (key.startsWith(full)) found[key.slice(full.length)] = value;
    return found;
  }

  /**
   * These parameters over `defaults`: a default is kept only where the request sends nothing under the same
   * top-level name, so a list or structure the request gives replaces the default's whole.
   */
  withDefaults(defaults: Record<string, string>): QueryParams {
    const sent = new Set([...this.values.keys()].map((key) => key.split('.')[0]));
    const merged = new Map(Object.entries(defaults).filter(([key]) => !sent.has(key.split('.')[0])));
    for (const [key, value] of this.values) merged.set(key, value);
    return new QueryParams(merged, this.dialect, this.prefix);
  }

  private numbered(name: string, structured = false): [string, number][] {
    const full = this.prefix + name;
    const pattern = numberedPattern(`${structured ? '.' : '$'}${full}`);
    const seen = new Map<number, string>();
    for (const key of this.values.keys()) {
      const match = pattern.exec(key);
      if (match) seen.set(Number(match[1]), `${full}.${match[1]}`);
    }
    return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([index, key]) => [key, index]);
  }
}

/**
 * The pattern of a numbered name (`Filter.1` in `Filter.1.Value.2`), by its end (`.` for a structure, `$` for a
 * value) and the name: the same few names are read on every request, so each is compiled once.
 */
const numberedPattern = boundedMemo((endAndName: string) => {
  const name = endAndName.slice(1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${name}\\.(\\d+)${endAndName[0] === '.' ? '\\.' : '$'}`);
}, 512);

function missingParameter(dialect: QueryDialect, name: string): AwsError {
  if (dialect.style === 'ec2')
    return new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
  const member = name.charAt(0).toLowerCase() + name.slice(1);
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}

function invalidValue(dialect: QueryDialect, name: string, value: string, constraint: string): AwsError {
  const shown = value.length > 64 ? `${value.slice(0, 64)}…` : value;
  if (dialect.style === 'ec2')
    return new AwsError(
      'InvalidParameterValue',
      `Value (${shown}) for parameter ${name} is invalid: it ${constraint}.`,
    );
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value '${shown}' at '${name}' failed to satisfy constraint: Member ${constraint}`,
  );
}

/** Reads a query request's parameters from its URL and, for a form POST, its body. */
export function readQueryParams(
  url: URL,
  body: string,
  contentType: string | null,
  dialect: QueryDialect,
): QueryParams {
  const values = new Map<string, string>();
  for (const [key, value] of url.searchParams) values.set(key, value);
  if (body !== '') {
    if (contentType !== null && !contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new AwsError(
        'InvalidParameterValue',
        `Unsupported content type '${contentType}': query requests are application/x-www-form-urlencoded.`,
      );
    }
    for (const [key, value] of new URLSearchParams(body)) values.set(key, value);
  }
  return new QueryParams(values, dialect);
}

/** One operation of a query-protocol service. */
export interface QueryOperation {
  /** The operation's answer, rendered inside `<ActionResponse>` (EC2) or `<ActionResult>` (others). */
  run(params: QueryParams, ctx: ServiceContext): XmlValue | Promise<XmlValue>;
  /** What the operation acts on, for IAM policy evaluation: an ARN or every resource it touches; `*` if not given. */
  resource?(params: QueryParams, ctx: ServiceContext): ActionResources;
  /** Operations every caller may call whatever its policies say, like `sts:GetCallerIdentity`. */
  alwaysAllowed?: boolean;
  /** True for an operation named like a read that changes the state, like `sts:GetSessionToken` (a new session). */
  changesState?: boolean;
}

/** What a dry run answers when the real call would have succeeded: an error, as EC2 answers it (HTTP 412). */
function dryRunOperation(): AwsError {
  return new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
}

/** A query-protocol service: its signing name, IAM action prefix, dialect and operations. */
export interface QueryService {
  signingName: string;
  actionPrefix: string;
  dialect: QueryDialect;
  operations: Record<string, QueryOperation>;
  /**
   * For a service whose operations take `DryRun` (EC2): a copy of the context to run a dry run in, whose changes are
   * thrown away. Services without it ignore `DryRun`, as IAM and STS, which have no such parameter, do.
   */
  dryRunContext?(ctx: ServiceContext): ServiceContext;
}

const xmlHeaders = { 'content-type': 'text/xml;charset=UTF-8' };

/**
 * Looks up the operation `action` names, checks the caller's policies allow it, and runs it. Every query call goes
 * through here, whether it came over HTTP or from inside the sandbox (CloudFormation building a stack with EC2 calls),
 * so an in-process call is authorized as the calling user exactly as the learner's own call would be.
 */
export async function runQueryOperation(
  service: QueryService,
  action: string,
  params: QueryParams,
  ctx: ServiceContext,
): Promise<XmlValue> {
  const operation = Object.hasOwn(service.operations, action) ? service.operations[action] : undefined;
  if (!operation) {
    throw service.dialect.style === 'ec2'
      ? new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`)
      : new AwsError('InvalidAction', `Could not find operation ${action} for version ${service.dialect.version}`);
  }
  // A dry run goes every step the real call goes, in a copy of the account, so its answer is the real call's: the
  // request's errors, the caller's UnauthorizedOperation, or DryRunOperation where the call would have succeeded.
  const target = service.dryRunContext && params.bool('DryRun') ? service.dryRunContext(ctx) : ctx;
  const dryRun = target !== ctx;
  if (!operation.alwaysAllowed)
    target.authorize(`${service.actionPrefix}:${action}`, operation.resource?.(params, target) ?? '*');
  const result = await operation.run(params, target);
  if (dryRun) throw dryRunOperation();
  return result;
}

/** Runs the operation the request's `Action` names, and renders its answer or its error. */
export async function serveQuery(service: QueryService, params: QueryParams, ctx: ServiceContext): Promise<Response> {
  const action = params.get('Action');
  if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action');
  const result = await runQueryOperation(service, action, params, ctx);
  return madeResponse(renderQueryResult(service.dialect, action, result, ctx.requestId), {
    status: 200,
    headers: { ...xmlHeaders, 'x-amzn-requestid': ctx.requestId },
  });
}

/** The XML document of a successful answer. */
export function renderQueryResult(dialect: QueryDialect, action: string, result: XmlValue, requestId: string): string {
  if (dialect.style === 'ec2') {
    const body = { requestId, ...(result as Record<string, XmlValue>) };
    return renderXmlDocument(`${action}Response`, dialect.namespace, body, 'item');
  }
  const body: Record<string, XmlValue> = {};
  if (result !== undefined && result !== null) body[`${action}Result`] = result;
  body.ResponseMetadata = { RequestId: requestId };
  return renderXmlDocument(`${action}Response`, dialect.namespace, body, 'member');
}

/** An error in the dialect's shape, with AWS's status code. */
export function renderQueryError(dialect: QueryDialect, error: AwsError, requestId: string): Response {
  const body =
    dialect.style === 'ec2'
      ? renderXmlDocument(
          'Response',
          null,
          { Errors: { Error: { Code: error.code, Message: error.message } }, RequestID: requestId },
          'item',
        )
      : renderXmlDocument(
          'ErrorResponse',
          dialect.namespace,
          { Error: { Type: error.fault, Code: error.code, Message: error.message }, RequestId: requestId },
          'member',
        );
  return madeResponse(body, { status: error.status, headers: { ...xmlHeaders, 'x-amzn-requestid': requestId } });
}
