/**
 * A bucket's CORS configuration: PutBucketCors (checked as S3 checks it), GetBucketCors, DeleteBucketCors, and the
 * `Access-Control-*` headers S3 adds to an answer for a request whose `Origin` a rule allows.
 */
import { AwsError } from '../aws-error';
import { madeResponse } from '../made-response';
import type { Bucket, CorsRule } from '../state';
import { flattened } from '../xml';
import type { BucketCall } from './s3-operation';
import { emptyResponse, malformedXml, parseXmlBody, xmlResponse } from './s3-xml';

/** The methods a CORS rule may allow. */
const corsMethods = new Set(['GET', 'PUT', 'HEAD', 'POST', 'DELETE']);
/** The most rules one configuration holds; more fail S3's schema, as more than 1000 lifecycle rules do. */
const maxRules = 100;

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.map((item) => String(item)) : undefined;

/** One `<CORSRule>` of a PutBucketCors body, checked: at least one origin and method, and only S3's methods. */
function readRule(rule: Record<string, unknown>): CorsRule {
  const methods = strings(rule.AllowedMethod) ?? [];
  const origins = strings(rule.AllowedOrigin) ?? [];
  if (methods.length === 0 || origins.length === 0) throw malformedXml();
  const unsupported = methods.find((method) => !corsMethods.has(method));
  if (unsupported !== undefined) {
    throw new AwsError(
      'InvalidRequest',
      `Found unsupported HTTP method in CORS config. Unsupported method is ${unsupported}`,
      400,
    );
  }
  const maxAge = rule.MaxAgeSeconds === undefined ? undefined : Number(rule.MaxAgeSeconds);
  if (maxAge !== undefined && !Number.isInteger(maxAge)) throw malformedXml();
  return {
    ID: rule.ID === undefined ? undefined : String(rule.ID),
    AllowedMethods: methods,
    AllowedOrigins: origins,
    AllowedHeaders: strings(rule.AllowedHeader),
    ExposeHeaders: strings(rule.ExposeHeader),
    MaxAgeSeconds: maxAge,
  };
}

/** PutBucketCors: replaces the bucket's CORS rules (1 to 100 of them). */
export function putBucketCors({ input, ctx, bucket }: BucketCall): Response {
  const configuration = parseXmlBody(input.body).CORSConfiguration as { CORSRule?: unknown[] } | undefined;
  const rules = configuration && typeof configuration === 'object' ? (configuration.CORSRule ?? []) : [];
  if (rules.length === 0 || rules.length > maxRules || rules.some((rule) => typeof rule !== 'object'))
    throw malformedXml();
  bucket.cors = (rules as Record<string, unknown>[]).map(readRule);
  return emptyResponse(ctx, 200);
}

function noCorsConfiguration(bucket: Bucket): AwsError {
  return new AwsError('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404, {
    BucketName: bucket.name,
  });
}

/** GetBucketCors: the rules, or `NoSuchCORSConfiguration`. */
export function getBucketCors({ ctx, bucket }: BucketCall): Response {
  if (!bucket.cors) throw noCorsConfiguration(bucket);
  const rules = bucket.cors.map((rule) => ({
    ID: rule.ID,
    AllowedHeader: flattened(rule.AllowedHeaders ?? []),
    AllowedMethod: flattened(rule.AllowedMethods),
    AllowedOrigin: flattened(rule.AllowedOrigins),
    ExposeHeader: flattened(rule.ExposeHeaders ?? []),
    MaxAgeSeconds: rule.MaxAgeSeconds,
  }));
  return xmlResponse('CORSConfiguration', { CORSRule: flattened(rules) }, ctx);
}

/** DeleteBucketCors: removes the rules; S3 answers 204 whether or not there were any. */
export function deleteBucketCors({ ctx, bucket }: BucketCall): Response {
  delete bucket.cors;
  return emptyResponse(ctx, 204);
}

/** Whether a value matches a CORS pattern, which may hold one `*` standing for any text. */
function matchesPattern(pattern: string, value: string): boolean {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === value;
  const [head, tail] = [pattern.slice(0, star), pattern.slice(star + 1)];
  return value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail);
}

/** The first rule allowing this origin, method and request headers, as S3 picks it. */
export function matchingCorsRule(
  bucket: Bucket,
  origin: string,
  method: string,
  requestHeaders: string[] = [],
): CorsRule | undefined {
  return bucket.cors?.find(
    (rule) =>
      rule.AllowedOrigins.some((pattern) => matchesPattern(pattern, origin)) &&
      rule.AllowedMethods.includes(method) &&
      requestHeaders.every((header) =>
        (rule.AllowedHeaders ?? []).some((pattern) => matchesPattern(pattern.toLowerCase(), header.toLowerCase())),
      ),
  );
}

/** The `Access-Control-*` headers S3 answers a request from `origin` with under `rule`. */
export function corsHeaders(rule: CorsRule, origin: string): Record<string, string> {
  const anyOrigin = rule.AllowedOrigins.includes('*');
  return {
    'access-control-allow-origin': anyOrigin ? '*' : origin,
    'access-control-allow-methods': rule.AllowedMethods.join(', '),
    ...(anyOrigin ? {} : { 'access-control-allow-credentials': 'true' }),
    ...(rule.ExposeHeaders?.length ? { 'access-control-expose-headers': rule.ExposeHeaders.join(', ') } : {}),
    ...(rule.MaxAgeSeconds !== undefined ? { 'access-control-max-age': String(rule.MaxAgeSeconds) } : {}),
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
}

/**
 * S3's answer to a browser's preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) on a bucket or
 * an object: 200 with the matching rule's headers, or 403 `AccessForbidden` when no rule allows the request.
 */
export function answerPreflight(bucket: Bucket, request: Request, requestId: string): Response {
  const origin = request.headers.get('origin');
  const method = request.headers.get('access-control-request-method');
  if (origin === null || method === null) {
    throw new AwsError('BadRequest', 'Insufficient information. Origin request header needed.', 400);
  }
  if (!bucket.cors) throw new AwsError('AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.', 403);
  const requested = (request.headers.get('access-control-request-headers') ?? '')
    .split(',')
    .map((header) => header.trim())
    .filter((header) => header !== '');
  const rule = matchingCorsRule(bucket, origin, method, requested);
  if (!rule) {
    throw new AwsError(
      'AccessForbidden',
      'CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request ' +
        "method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's " +
        'CORS spec.',
      403,
      { Method: method, ResourceType: 'OBJECT' },
    );
  }
  const allowHeaders: Record<string, string> = requested.length
    ? { 'access-control-allow-headers': requested.join(', ') }
    : {};
  return madeResponse(null, {
    status: 200,
    headers: { ...corsHeaders(rule, origin), ...allowHeaders, 'x-amz-request-id': requestId },
  });
}
