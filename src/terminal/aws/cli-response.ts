import type { NormalizedSchema } from '@smithy/core/schema';
import { bytesToBase64 } from '../../emulator/base64';
import type { CliValue } from './output/cli-value';

/** Two digits. */
function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/**
 * A timestamp as the CLI prints it (Python's `isoformat()` in UTC): `2026-12-03T06:23:39+00:00`, with
 * microseconds only when there is a fraction of a second.
 */
export function cliTimestamp(date: Date): string {
  const base =
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const millis = date.getUTCMilliseconds();
  return `${base}${millis ? `.${pad(millis * 1000, 6)}` : ''}+00:00`;
}

/** The members of a structure in the schema's order, then any the schema does not name. */
function orderedEntries(value: object, schema: NormalizedSchema | undefined): [string, unknown, NormalizedSchema?][] {
  const entries = Object.entries(value).filter(([key, item]) => item !== undefined && key !== '$metadata');
  if (!schema?.isStructSchema()) return entries;
  const members = schema.getMemberSchemas();
  const order = Object.keys(members);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return entries.sort(([a], [b]) => rank(a) - rank(b)).map(([key, item]) => [key, item, members[key]]);
}

/**
 * An SDK result as the CLI's formatters see it: members in the output schema's order (the SDK returns header-bound
 * members in the headers' order), `$metadata` gone, timestamps ISO 8601 text, blobs base64, `undefined` dropped.
 */
export function cliValue(value: unknown, schema?: NormalizedSchema): CliValue {
  if (value instanceof Date) return cliTimestamp(value);
  if (value instanceof Uint8Array) return bytesToBase64(value);
  if (Array.isArray(value)) {
    const items = schema?.isListSchema() ? schema.getValueSchema() : undefined;
    return value.map((item) => cliValue(item, items));
  }
  if (typeof value === 'object' && value !== null) {
    const values = schema?.isMapSchema() ? schema.getValueSchema() : undefined;
    const result: Record<string, CliValue> = {};
    for (const [key, item, member] of orderedEntries(value, schema)) result[key] = cliValue(item, member ?? values);
    return result;
  }
  if (value === undefined) return null;
  return value as CliValue;
}
