import { nameRecord } from './name-record';

/**
 * A fetch `Headers` as a plain record of lower-case names, for APIs that take one (Node's `writeHead`, the SDK's
 * `HttpResponse`). Repeated headers arrive already joined with `, ` by `Headers` itself.
 *
 * @example
 * headersRecord(new Headers({ 'Content-Type': 'text/xml' })); // { 'content-type': 'text/xml' }
 */
export function headersRecord(headers: Headers): Record<string, string> {
  // A header named `__proto__` is a valid token: it is kept as a header, not taken for the record's prototype.
  const record = nameRecord<string>();
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
