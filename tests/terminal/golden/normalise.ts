/**
 * What differs between two runs of the same corpus against two fresh sandboxes: generated ids, secrets, times and
 * signatures. Both the recording script (real CLI) and the replay test (our aws) pass everything they compare
 * through one normaliser per command, so an id is replaced by the same placeholder in the requests and the output
 * of that command. Placeholders keep the original's length, because the table format's widths depend on it.
 * No imports: scripts/record-golden.mjs loads this file with Node's type stripping.
 */

type Rule = { pattern: RegExp; placeholder: (match: string, n: number) => string };

const hex = (n: number, length: number) => n.toString(16).padStart(length, '0').slice(-length);
const base32 = (n: number, length: number) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  for (let i = 0; i < length; i++) {
    out = alphabet[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
};
const digits = (n: number, length: number) => String(n).padStart(length, '0').slice(-length);

const rules: Rule[] = [
  {
    pattern: /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g,
    placeholder: (m, n) => `<private key ${n}, ${m.length} characters>`,
  },
  {
    pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g,
    placeholder: (_, n) => `00000000-0000-0000-0000-${hex(n, 12)}`,
  },
  {
    pattern: /\b([a-z]+(?:-[a-z]+)*)-0[0-9a-f]{16}\b/g,
    placeholder: (m, n) => `${m.slice(0, m.length - 17)}0${hex(n, 16)}`,
  },
  {
    pattern: /\b(AIDA|ANPA|AROA|AKIA|ASIA|AGPA|AIPA)[A-Z2-7]{16,17}\b/g,
    placeholder: (m, n) => m.slice(0, 4) + base32(n, m.length - 4),
  },
  {
    pattern: /(?<=SecretAccessKey["']?[:=\s]+["']?)[A-Za-z0-9+/]{40}/g,
    placeholder: (_, n) => `secret${digits(n, 34)}`,
  },
  { pattern: /(?<=\s|^)[A-Za-z0-9+/]{40}(?=\s|$)/gm, placeholder: (_, n) => `secret${digits(n, 34)}` },
  {
    pattern: /\b([0-9a-f]{2}:){19}[0-9a-f]{2}\b/g,
    placeholder: (_, n) => Array.from({ length: 20 }, (_, i) => (i === 19 ? hex(n, 2) : '00')).join(':'),
  },
  {
    pattern: /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/g,
    placeholder: (m) => m.replace(/\d/g, '0'),
  },
  { pattern: /\b\d{8}T\d{6}Z\b/g, placeholder: (m) => m.replace(/\d/g, '0') },
  { pattern: /(?<=\/)\d{8}(?=\/[a-z0-9-]+\/[a-z0-9]+\/aws4_request)/g, placeholder: (m) => m.replace(/\d/g, '0') },
  // The same credential scope, URL-encoded in a presigned URL's X-Amz-Credential.
  {
    pattern: /(?<=%2F)\d{8}(?=%2F[a-z0-9-]+%2F[a-z0-9]+%2Faws4_request)/g,
    placeholder: (m) => m.replace(/\d/g, '0'),
  },
  { pattern: /\b[0-9a-f]{64}\b/g, placeholder: (_, n) => hex(n, 64) },
  { pattern: /\b0a(:[0-9a-f]{2}){5}\b/g, placeholder: (_, n) => `0a:00:00:00:00:${hex(n, 2)}` },
];

/**
 * The CLI's s3 progress meter (`Completed 22.6 KiB/22.6 KiB (846.7 KiB/s) with 1 file(s) remaining\r`) carries a
 * transfer rate, so it never repeats; it goes, with the spaces that blank it out after the final line.
 */
const progress = /(?:Completed [^\r\n]*\r)+([^\n]*?) *\n/g;

/** The s3 commands' transfer lines, which the CLI prints in whatever order its threads finish. */
const transferLine = /^(upload|download|copy|move|delete)(?: failed)?: /;

/**
 * An outcome with the transfers of a many-file s3 command (its lines and its requests) sorted, since the CLI runs
 * them in parallel threads and neither order is the same twice; any other outcome as it is.
 */
export function inTransferOrder<T extends { stdout: string; requests: unknown[] }>(outcome: T): T {
  const lines = outcome.stdout.split('\n').slice(0, -1);
  if (lines.length < 2 || !lines.every((line) => transferLine.test(line))) return outcome;
  const requests = [...outcome.requests].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { ...outcome, stdout: `${lines.sort().join('\n')}\n`, requests };
}

/** A function that replaces each generated value with a placeholder numbered by first appearance. */
export function createNormaliser(): (text: string) => string {
  const seen = new Map<string, string>();
  const counters = new Map<Rule, number>();
  return (text) =>
    rules.reduce(
      (current, rule) =>
        current.replace(rule.pattern, (match) => {
          let placeholder = seen.get(match);
          if (placeholder === undefined) {
            const n = (counters.get(rule) ?? 0) + 1;
            counters.set(rule, n);
            placeholder = rule.placeholder(match, n);
            seen.set(match, placeholder);
          }
          return placeholder;
        }),
      text.replace(progress, '$1\n'),
    );
}

/** A request as both recorders see it. */
export interface RawRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A request reduced to what the CLI decided: the operation and its parameters. */
export interface DecodedRequest {
  operation: string;
  params: Record<string, unknown>;
}

/** Headers that carry parameters of S3 operations (not signing, checksums or SDK bookkeeping). */
function s3ParamHeaders(headers: Record<string, string>): Record<string, string> {
  const skipped =
    /^x-amz-(date|content-sha256|security-token|user-agent|checksum-|sdk-checksum-|decoded-content-length)|^amz-sdk-/;
  return Object.fromEntries(
    Object.entries(headers)
      .map(([name, value]) => [name.toLowerCase(), value] as const)
      .filter(([name]) => (name.startsWith('x-amz-') && !skipped.test(name)) || name === 'content-type')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Decodes a request of any of the four wire protocols into its operation and parameters. */
export function decodeRequest(request: RawRequest): DecodedRequest {
  const lowerHeaders = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const body = new TextDecoder().decode(request.body);
  const url = new URL(request.url, 'http://host');
  if (lowerHeaders['x-amz-target'])
    return {
      operation: lowerHeaders['x-amz-target'],
      params: body ? (JSON.parse(body) as Record<string, unknown>) : {},
    };
  const form = (lowerHeaders['content-type'] ?? '').includes('x-www-form-urlencoded')
    ? new URLSearchParams(body)
    : undefined;
  if (form?.get('Action')) {
    const params = Object.fromEntries([...form.entries()].filter(([k]) => k !== 'Action' && k !== 'Version').sort());
    return { operation: form.get('Action')!, params };
  }
  // Not parameters: the SDK's `x-id`, a bucket path's trailing slash, an XML body's declaration and content type.
  const query = Object.fromEntries([...url.searchParams.entries()].filter(([k]) => k !== 'x-id').sort());
  const isXml = body.trimStart().startsWith('<');
  const headers = s3ParamHeaders(request.headers);
  if (isXml) delete headers['content-type'];
  return {
    operation: `${request.method} ${decodeURIComponent(url.pathname).replace(/^(\/[^/]+)\/$/, '$1')}`,
    params: {
      query,
      headers,
      body: isXml
        ? body
            .replace(/<\?xml[^>]*\?>/, '')
            .replace(/>\s+</g, '><')
            .trim()
        : `${request.body.length} bytes`,
    },
  };
}
