import type { NormalizedSchema } from '@smithy/core/schema';
import { base64ToBytes, bytesToBase64 } from '../../emulator/base64';
import type { ClientClass, OperationModel, SdkClient } from './service-model';

/** The names a paginator uses: the input token, the output token, and the page size member. */
export interface PagingTokens {
  input: string;
  output: string;
  limit?: string;
}

const probeToken = '\u0000token';
const probeSize = 7919;

/**
 * The token names of an operation's SDK paginator, learned by running it once against a stand-in client: the
 * input member it sets to the starting token, the page member it reads next, the member it sets to the page size.
 */
export async function pagingTokens(operation: OperationModel, Client: ClientClass): Promise<PagingTokens | undefined> {
  if (!operation.paginator) return undefined;
  const read: string[] = [];
  let sent: Record<string, unknown> = {};
  const probe = Object.create(Client.prototype) as SdkClient;
  probe.send = async (command) => {
    sent = { ...(command as { input: Record<string, unknown> }).input };
    const record = (_: object, key: string | symbol) => {
      // `then` is read by the promise machinery, not by the paginator.
      if (typeof key === 'string' && key !== 'then') read.push(key);
      return undefined;
    };
    return new Proxy({}, { get: record });
  };
  for await (const _ of operation.paginator({ client: probe, startingToken: probeToken, pageSize: probeSize }, {}));
  const input = Object.keys(sent).find((key) => sent[key] === probeToken);
  const limit = Object.keys(sent).find((key) => sent[key] === probeSize);
  if (!input || !read[0]) return undefined;
  return { input, output: read[0], ...(limit ? { limit } : {}) };
}

/** Output members the CLI keeps from the first page besides the merged lists (botocore's `non_aggregate_keys`). */
const nonAggregateKeys: Record<string, string[]> = {
  GetGroup: ['Group'],
  ListParts: ['ChecksumAlgorithm', 'Initiator', 'Owner', 'StorageClass'],
  ListFaces: ['FaceModelVersion'],
  DescribeChangeSet: [
    'ChangeSetName',
    'ChangeSetId',
    'StackId',
    'StackName',
    'Description',
    'Parameters',
    'CreationTime',
    'ExecutionStatus',
    'Status',
    'StatusReason',
    'NotificationARNs',
    'RollbackConfiguration',
    'Capabilities',
    'Tags',
    'ParentChangeSetId',
    'IncludeNestedStacks',
    'RootChangeSetId',
  ],
};

/** The members whose pages are merged: the output's lists (DescribeChangeSet merges only `Changes`). */
export function resultKeys(operation: string, output: NormalizedSchema): string[] {
  if (operation === 'DescribeChangeSet') return ['Changes'];
  return Object.entries(output.getMemberSchemas())
    .filter(([, schema]) => schema.isListSchema())
    .map(([name]) => name);
}

/** Every page, the merged lists' names, the first page's other kept members, and where a later call would resume. */
export interface PagedResult {
  pages: Record<string, unknown>[];
  resultKeys: string[];
  nonAggregate: Record<string, unknown>;
  resumeToken?: string;
}

/** A token as the CLI prints it for `--starting-token`: base64 of Python's `json.dumps` of the token object. */
export function encodeToken(token: Record<string, unknown>): string {
  const json = `{${Object.entries(token)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`)
    .join(', ')}}`;
  return bytesToBase64(new TextEncoder().encode(json));
}

/** The token and the number of items to skip from a `--starting-token`; an old-style token is the raw token. */
export function decodeToken(text: string, inputName: string): { token: unknown; skip: number } {
  try {
    const decoded = JSON.parse(new TextDecoder().decode(base64ToBytes(text))) as Record<string, unknown>;
    return { token: decoded[inputName] ?? undefined, skip: Number(decoded.boto_truncate_amount ?? 0) };
  } catch {
    return { token: text, skip: 0 };
  }
}

/** How the CLI's paging options drive a paginated call. */
export interface PagingOptions {
  pageSize?: number;
  maxItems?: number;
  startingToken?: string;
}

/**
 * Calls a paginated operation page by page as the CLI does, truncating to `--max-items` across pages and
 * leaving a resume token when it stops early.
 */
export async function paginate(
  client: SdkClient,
  operation: OperationModel,
  tokens: PagingTokens,
  input: Record<string, unknown>,
  options: PagingOptions,
): Promise<PagedResult> {
  const keys = resultKeys(operation.name, operation.output());
  const primary = keys[0];
  const start = options.startingToken
    ? decodeToken(options.startingToken, tokens.input)
    : { token: undefined, skip: 0 };
  let token = start.token;
  let skip = start.skip;
  let remaining = options.maxItems;
  const pages: Record<string, unknown>[] = [];
  const nonAggregate: Record<string, unknown> = {};
  let resumeToken: string | undefined;
  while (true) {
    const request = { ...input, ...(token !== undefined ? { [tokens.input]: token } : {}) };
    if (tokens.limit && options.pageSize !== undefined) request[tokens.limit] = options.pageSize;
    const page = await client.send(new operation.Command(request));
    if (pages.length === 0)
      for (const key of nonAggregateKeys[operation.name] ?? [])
        if (page[key] !== undefined) nonAggregate[key] = page[key];
    const items = primary ? ((page[primary] as unknown[] | undefined) ?? []) : [];
    if (skip > 0) {
      for (const key of keys) if (Array.isArray(page[key])) page[key] = (page[key] as unknown[]).slice(skip);
    }
    const available = items.length - skip;
    const next = page[tokens.output];
    if (remaining !== undefined && available > remaining) {
      const amount = remaining + skip;
      for (const key of keys) if (Array.isArray(page[key])) page[key] = (page[key] as unknown[]).slice(0, remaining);
      pages.push(page);
      resumeToken = encodeToken({ [tokens.input]: token ?? null, boto_truncate_amount: amount });
      break;
    }
    pages.push(page);
    skip = 0;
    if (remaining !== undefined) remaining -= available;
    if (!next || next === token) break;
    if (remaining === 0) {
      resumeToken = encodeToken({ [tokens.input]: next });
      break;
    }
    token = next;
  }
  return { pages, resultKeys: keys, nonAggregate, ...(resumeToken ? { resumeToken } : {}) };
}

/** The merged answer the CLI's json, table and yaml formats print: lists joined, kept members, `NextToken`. */
export function fullResult(paged: PagedResult): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const page of paged.pages)
    for (const key of paged.resultKeys) {
      const value = page[key];
      if (value === undefined || value === null) continue;
      const existing = result[key];
      if (existing === undefined) result[key] = Array.isArray(value) ? [...value] : value;
      else if (Array.isArray(existing) && Array.isArray(value)) existing.push(...value);
    }
  Object.assign(result, paged.nonAggregate);
  if (paged.resumeToken) result.NextToken = paged.resumeToken;
  return result;
}
