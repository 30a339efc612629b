import type { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import type { AwsContext } from '../aws/aws-context';
import { isCliError } from '../aws/cli-error';
import type { GlobalOptions } from '../aws/global-options';
import { makeClient } from '../aws/make-client';
import { pagingTokens } from '../aws/paginate';
import { type ResolvedConfig, resolveConfig } from '../aws/resolve-config';
import { regionless } from '../aws/run-operation';
import { serviceErrorParts } from '../aws/service-error';
import { loadServiceModel, type OperationModel, type ServiceModel } from '../aws/service-model';
import { awsServices } from '../aws/services';
import { fromWire, outputToWire, toWire } from './boto3-wire';

/** What the page's boto3 runs with: the shell's environment and files (for `~/.aws`), and the way to the sandbox. */
export type Boto3Context = Pick<AwsContext, 'env' | 'files' | 'requestHandler'>;

/** A session's or client's own settings (`boto3.Session(profile_name=…)`, `client(region_name=…)`). */
interface ClientSettings {
  profile?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  endpointUrl?: string;
}

/** What a request names; each function of the bridge reads the members it needs. */
interface BridgeRequest {
  service: string;
  operation: string;
  params: Record<string, unknown>;
  settings: ClientSettings;
  expiresIn: number;
}

/** A failure, by the botocore exception it stands for (botocore/client.py's `_raisers`). */
type BridgeError =
  | { kind: 'client'; response: Record<string, unknown>; exception?: string }
  | { kind: 'noCredentials' | 'noRegion' }
  | { kind: 'profileNotFound'; profile: string }
  | { kind: 'unknownService'; service: string; known: string[] }
  | { kind: 'connection'; url: string };

type Answer = { value: unknown } | { error: BridgeError };

/** boto3's names for the services whose CLI name differs. */
const cliNameOf: Record<string, string> = { s3: 's3api' };
const boto3Names = Object.keys(awsServices)
  .map((name) => Object.keys(cliNameOf).find((boto3) => cliNameOf[boto3] === name) ?? name)
  .sort();

const globalOptions = (settings: ClientSettings): GlobalOptions => ({
  debug: false,
  noPaginate: false,
  noSignRequest: false,
  version: false,
  ...(settings.profile ? { profile: settings.profile } : {}),
  ...(settings.region ? { region: settings.region } : {}),
  ...(settings.endpointUrl ? { endpointUrl: settings.endpointUrl } : {}),
});

/** Region and credentials as `aws` resolves them, keys given to the client or session taking precedence. */
async function resolve(settings: ClientSettings, context: Boto3Context): Promise<ResolvedConfig | BridgeError> {
  const config = await resolveConfig(globalOptions(settings), context.env, context.files);
  if (isCliError(config)) return { kind: 'profileNotFound', profile: settings.profile ?? '' };
  const { accessKeyId, secretAccessKey, sessionToken } = settings;
  if (!accessKeyId || !secretAccessKey) return config;
  return { ...config, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}

/** The service's model and its resolved region (us-east-1 for the global ones), or why there is no client. */
async function serviceOf(
  service: string,
  config: ResolvedConfig,
): Promise<{ model: ServiceModel; region: string } | BridgeError> {
  const cliName = cliNameOf[service] ?? service;
  const model = await loadServiceModel(cliName);
  if (!model) return { kind: 'unknownService', service, known: boto3Names };
  if (!config.region && !regionless.has(cliName)) return { kind: 'noRegion' };
  return { model, region: config.region ?? 'us-east-1' };
}

const isError = (value: object): value is BridgeError => 'kind' in value;

/** The operation of a model by its API name (`DescribeVpcs`). */
function operationOf(model: ServiceModel, name: string): OperationModel | undefined {
  return [...model.operations.values()].find((operation) => operation.name === name);
}

/** The sandbox's request handler, noting the last request's URL and the last answer's headers. */
function watchedHandler(inner: Boto3Context['requestHandler']) {
  const handler = inner as { handle(request: HttpRequest, options?: object): Promise<{ response: HttpResponse }> };
  const seen = { url: '', headers: {} as Record<string, string> };
  return {
    seen,
    handler: {
      ...handler,
      async handle(request: HttpRequest, options?: object) {
        seen.url = `${request.protocol}//${request.hostname}${request.path}`;
        const answer = await handler.handle(request, options);
        seen.headers = answer.response.headers;
        return answer;
      },
    },
  };
}

/** boto3's `ResponseMetadata` from the SDK's `$metadata` and the answer's headers. */
function responseMetadata(metadata: Record<string, unknown> | undefined, headers: Record<string, string>) {
  return {
    RequestId: metadata?.requestId ?? '',
    ...(metadata?.extendedRequestId ? { HostId: metadata.extendedRequestId } : {}),
    HTTPStatusCode: metadata?.httpStatusCode,
    HTTPHeaders: headers,
    RetryAttempts: 0,
  };
}

/**
 * The class name of an error the service's model declares (S3's `NoSuchKey`, IAM's `NoSuchEntityException`), which
 * boto3 raises as a ClientError subclass of that name; `undefined` for an error the model does not declare.
 */
function modeledException(model: ServiceModel, error: unknown): string | undefined {
  const name = (error as Error).name;
  const declared = model.sdk[name];
  return typeof declared === 'function' && error instanceof declared ? name : undefined;
}

/**
 * What a call and a presign both need: the configuration, the service, credentials, and the operation's command;
 * an answer instead when one of them is missing.
 */
async function clientFor(
  request: BridgeRequest,
  context: Boto3Context,
  requestHandler: Boto3Context['requestHandler'],
) {
  const config = await resolve(request.settings, context);
  if (isError(config)) return { error: config } satisfies Answer;
  const service = await serviceOf(request.service, config);
  if (isError(service)) return { error: service } satisfies Answer;
  if (!config.credentials) return { error: { kind: 'noCredentials' } } satisfies Answer;
  const operation = operationOf(service.model, request.operation);
  const client = makeClient(service.model, { ...config, region: service.region }, globalOptions(request.settings), {
    requestHandler,
    stderr: () => {},
  });
  return { service, client, command: new operation!.Command(request.params) };
}

async function call(request: BridgeRequest, context: Boto3Context): Promise<Answer> {
  const watched = watchedHandler(context.requestHandler);
  const made = await clientFor(request, context, watched.handler);
  if (made.error) return { error: made.error };
  const { service, client, command } = made;
  try {
    const output = await client.send(command);
    const { $metadata, ...members } = output as { $metadata?: Record<string, unknown> };
    const value = await outputToWire(members);
    return { value: { ...value, ResponseMetadata: toWire(responseMetadata($metadata, watched.seen.headers)) } };
  } catch (error) {
    const parts = serviceErrorParts(error);
    if (!parts) return { error: { kind: 'connection', url: watched.seen.url } };
    const metadata = (error as { $metadata?: Record<string, unknown> }).$metadata;
    const response = { Error: { Code: parts.code, Message: parts.message } };
    const exception = modeledException(service.model, error);
    return {
      error: {
        kind: 'client',
        response: { ...response, ResponseMetadata: responseMetadata(metadata, watched.seen.headers) },
        ...(exception ? { exception } : {}),
      },
    };
  } finally {
    client.destroy();
  }
}

async function presign(request: BridgeRequest, context: Boto3Context): Promise<Answer> {
  const made = await clientFor(request, context, context.requestHandler);
  if (made.error) return { error: made.error };
  const { client, command } = made;
  const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
  return { value: await getSignedUrl(client as never, command as never, { expiresIn: request.expiresIn }) };
}

async function describe(request: BridgeRequest, context: Boto3Context): Promise<Answer> {
  const config = await resolve(request.settings, context);
  if (isError(config)) return { error: config };
  const service = await serviceOf(request.service, config);
  if (isError(service)) return { error: service };
  const operations = [...service.model.operations.values()].map((operation) => [
    operation.cliName.replaceAll('-', '_'),
    operation.name,
  ]);
  const className = awsServices[service.model.cliName]!.clientName.replace(/Client$/, '');
  return { value: { className, region: service.region, operations: Object.fromEntries(operations) } };
}

async function paging(request: BridgeRequest): Promise<Answer> {
  const model = await loadServiceModel(cliNameOf[request.service] ?? request.service);
  const operation = model && operationOf(model, request.operation);
  return { value: operation ? ((await pagingTokens(operation, model.Client)) ?? null) : null };
}

async function settings(request: BridgeRequest, context: Boto3Context): Promise<Answer> {
  const config = await resolve(request.settings, context);
  return isError(config) ? { error: config } : { value: { profile: config.profile, region: config.region ?? null } };
}

/** What each bridge function answers. */
const answers: Record<string, (request: BridgeRequest, context: Boto3Context) => Promise<Answer>> = {
  call,
  presign,
  describe,
  paging,
  settings,
  services: async () => ({ value: boto3Names }),
};

/** The names of the bridge's functions, which the page's Python imports as the module `_lab_bridge`. */
export const boto3BridgeNames = Object.keys(answers);

/** The functions the page's botocore calls (`_lab_bridge`): each takes and returns JSON, bytes and dates tagged. */
export type Boto3Bridge = Record<keyof typeof answers, (json: string) => Promise<string>>;

/**
 * The JavaScript side of the page's boto3: every client call sent as the SDK v3 command of the same name through the
 * sandbox's request handler, with the credentials and region `aws` would use in the same shell.
 */
export function boto3Bridge(context: Boto3Context): Boto3Bridge {
  return Object.fromEntries(
    Object.entries(answers).map(([name, answer]) => [
      name,
      async (json: string) => JSON.stringify(await answer(fromWire(json) as BridgeRequest, context)),
    ]),
  ) as Boto3Bridge;
}
