import type { ActionResources } from '../authorize';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { jsonAuthDialect, type ServiceEndpoint } from '../endpoint';
import { madeResponse } from '../made-response';

/** One operation of a JSON 1.1 service: its input object in, its output object out. */
export interface JsonOperation {
  run(input: Record<string, unknown>, ctx: ServiceContext): unknown | Promise<unknown>;
  /** What the operation acts on, for IAM policy evaluation: an ARN or every resource it touches; `*` if not given. */
  resource?(input: Record<string, unknown>, ctx: ServiceContext): ActionResources;
}

/** A JSON 1.1 service: `X-Amz-Target: <prefix>.<Operation>`, JSON bodies both ways. */
export interface JsonService {
  signingName: string;
  actionPrefix: string;
  targetPrefix: string;
  operations: Record<string, JsonOperation>;
}

const contentType = 'application/x-amz-json-1.1';

/** JSON services report errors as `{ "__type": code, "message": ... }` with the code in a header too. */
export function renderJsonError(error: AwsError, requestId: string): Response {
  return madeResponse(JSON.stringify({ __type: error.code, message: error.message }), {
    status: error.status,
    headers: { 'content-type': contentType, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
  });
}

function operationName(request: Request, service: JsonService): string {
  const target = request.headers.get('x-amz-target') ?? '';
  const [prefix, name] = target.split('.');
  if (prefix !== service.targetPrefix || !name) {
    throw new AwsError(
      'UnknownOperationException',
      target ? `Unknown operation ${target}` : 'Missing X-Amz-Target header',
      400,
    );
  }
  return name;
}

/** A JSON 1.1 service as an endpoint of the sandbox core. */
export function jsonEndpoint(service: JsonService): ServiceEndpoint {
  return {
    signingName: service.signingName,
    auth: jsonAuthDialect,
    async serve({ request, body }, ctx) {
      const name = operationName(request, service);
      const operation = Object.hasOwn(service.operations, name) ? service.operations[name] : undefined;
      if (!operation)
        throw new AwsError('UnknownOperationException', `Unknown operation ${service.targetPrefix}.${name}`, 400);
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(new TextDecoder().decode(body));
      } catch {
        throw new AwsError(
          'SerializationException',
          'Start of structure or map found where not expected, or the body is not valid JSON.',
          400,
        );
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new AwsError('SerializationException', 'The request body must be a JSON object.', 400);
      }
      const record = input as Record<string, unknown>;
      ctx.authorize(`${service.actionPrefix}:${name}`, operation.resource?.(record, ctx) ?? '*');
      const output = await operation.run(record, ctx);
      return madeResponse(JSON.stringify(output ?? {}), {
        status: 200,
        headers: { 'content-type': contentType, 'x-amzn-requestid': ctx.requestId },
      });
    },
    renderError: (error, requestId) => renderJsonError(error, requestId),
    isReadOnly: ({ request }) => /\.(Describe|List|Get|Detect)/.test(request.headers.get('x-amz-target') ?? ''),
  };
}
