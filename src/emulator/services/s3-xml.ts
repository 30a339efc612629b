/** S3's wire shape: XML bodies in, XML documents and bare answers out, and S3's `<Error>` document. */
import { XMLParser } from 'fast-xml-parser';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import type { ServiceRequest } from '../endpoint';
import { s3HostId } from '../ids';
import { flattened, renderXmlDocument, type XmlValue } from '../xml';
import { madeResponse } from '../made-response';

/** The namespace of every S3 document. */
export const s3Namespace = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Elements that are lists even when a body holds one of them (`Object` of DeleteObjects, `Part`, `CORSRule`, …). */
const listElements = new Set([
  'Object',
  'Tag',
  'Grant',
  'Part',
  'CORSRule',
  'AllowedMethod',
  'AllowedOrigin',
  'AllowedHeader',
  'ExposeHeader',
  'RoutingRule',
  'Rule',
  'Event',
  'FilterRule',
  'TopicConfiguration',
  'QueueConfiguration',
  'CloudFunctionConfiguration',
  'Field',
]);

const parserOptions = {
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name: string) => listElements.has(name),
};
const xmlParser = new XMLParser({ ...parserOptions, trimValues: true });
/** For bodies whose values are kept as sent, spaces included (DeleteObjects' keys): layout becomes `#text`. */
const exactParser = new XMLParser({ ...parserOptions, trimValues: false });

/** S3's answer to a body that is not the XML an operation takes. */
export function malformedXml(): AwsError {
  return new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );
}

/**
 * A request's XML body as plain values (the elements of {@link listElements} always lists); `{}` for none. Values are
 * trimmed unless `exact`.
 */
export function parseXmlBody(body: Uint8Array, exact = false): Record<string, unknown> {
  const text = new TextDecoder().decode(body).trim();
  if (text === '') return {};
  try {
    const parsed = (exact ? exactParser : xmlParser).parse(text, true);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw malformedXml();
  }
}

/** Parsed XML as renderable values, to answer a configuration as it was put: lists become repeated elements again. */
export function asXml(value: unknown): XmlValue {
  if (Array.isArray(value)) return flattened(value.map(asXml));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, asXml(child)]));
  return value === undefined ? undefined : String(value);
}

/** An XML document answer, in S3's namespace. */
export function xmlResponse(
  root: string,
  body: XmlValue,
  ctx: ServiceContext,
  status = 200,
  extraHeaders: Record<string, string> = {},
): Response {
  return xmlDocumentResponse(renderXmlDocument(root, s3Namespace, body, 'member'), ctx, status, extraHeaders);
}

/** An answer carrying an XML document already rendered (one with attributes, such as an ACL's grantees). */
export function xmlDocumentResponse(
  document: string,
  ctx: ServiceContext,
  status = 200,
  extraHeaders: Record<string, string> = {},
): Response {
  return madeResponse(document, {
    status,
    headers: {
      'content-type': 'application/xml',
      'x-amz-request-id': ctx.requestId,
      'x-amz-id-2': s3HostId(ctx.requestId),
      ...extraHeaders,
    },
  });
}

/** An answer without a body (200, 204), with S3's request ids and any headers given. */
export function emptyResponse(ctx: ServiceContext, status = 200, headers: Record<string, string> = {}): Response {
  return madeResponse(null, {
    status,
    headers: { 'x-amz-request-id': ctx.requestId, 'x-amz-id-2': s3HostId(ctx.requestId), ...headers },
  });
}

/**
 * An error as S3 words it: an `<Error>` document (none for HEAD); details named as headers (`x-amz-*`, `allow`) are
 * headers instead.
 */
export function renderS3Error(error: AwsError, requestId: string, input: ServiceRequest): Response {
  const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': s3HostId(requestId) };
  const details = { ...error.details };
  for (const [name, value] of Object.entries(details)) {
    if (!name.startsWith('x-amz-') && name !== 'allow') continue;
    headers[name] = value;
    delete details[name];
  }
  if (input.request.method.toUpperCase() === 'HEAD') return madeResponse(null, { status: error.status, headers });
  const body = renderXmlDocument(
    'Error',
    null,
    { Code: error.code, Message: error.message, ...details, RequestId: requestId, HostId: headers['x-amz-id-2'] },
    'member',
  );
  return madeResponse(body, { status: error.status, headers: { ...headers, 'content-type': 'application/xml' } });
}
