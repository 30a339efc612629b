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

/**
 * An SDK result as the CLI's formatters see it: `$metadata` gone, timestamps ISO 8601 text, blobs base64,
 * members the SDK left `undefined` dropped.
 */
export function cliValue(value: unknown): CliValue {
  if (value instanceof Date) return cliTimestamp(value);
  if (value instanceof Uint8Array) return bytesToBase64(value);
  if (Array.isArray(value)) return value.map(cliValue);
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, CliValue> = {};
    for (const [key, item] of Object.entries(value))
      if (item !== undefined && key !== '$metadata') result[key] = cliValue(item);
    return result;
  }
  if (value === undefined) return null;
  return value as CliValue;
}
