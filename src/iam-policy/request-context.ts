/**
 * The request context a policy is evaluated against: condition keys and their values, such as
 * `{ 'aws:SecureTransport': 'true', 'aws:username': 'edXProjectUser' }`. A multivalued key (`aws:TagKeys`) holds a
 * list. A key the request does not have is simply absent.
 */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>;

/** A request's value for a condition key, found case-insensitively (IAM's key names are not case-sensitive). */
export type ContextLookup = (key: string) => string | readonly string[] | undefined;

/**
 * Reads a request context by key name whatever the case.
 *
 * @example
 * contextLookup({ 'aws:SourceIp': '203.0.113.9' })('aws:sourceip') // '203.0.113.9'
 */
export function contextLookup(context: RequestContext = {}): ContextLookup {
  const byName = new Map(Object.entries(context).map(([key, value]) => [key.toLowerCase(), value]));
  return (key) => byName.get(key.toLowerCase());
}
