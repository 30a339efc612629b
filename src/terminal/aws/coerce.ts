import type { NormalizedSchema } from '@smithy/core/schema';
import { base64ToBytes } from '../../emulator/base64';

/** A plain object, as JSON and shorthand make them. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** A timestamp as the CLI accepts one: ISO 8601 text or epoch seconds. */
function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  const text = String(value);
  const date = /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function coerceScalar(schema: NormalizedSchema, value: unknown, path: string, problems: string[]): unknown {
  if (schema.isNumericSchema()) {
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isNaN(number) && String(value).trim() !== '') return number;
  } else if (schema.isBooleanSchema()) {
    if (typeof value === 'boolean') return value;
    if (String(value).toLowerCase() === 'true') return true;
    if (String(value).toLowerCase() === 'false') return false;
  } else if (schema.isTimestampSchema()) {
    const date = toDate(value);
    if (date) return date;
  } else if (schema.isBlobSchema()) {
    if (value instanceof Uint8Array) return value;
    try {
      return base64ToBytes(String(value));
    } catch {
      problems.push(`Invalid base64: "${String(value)}"`);
      return undefined;
    }
  } else if (typeof value !== 'object') return String(value);
  problems.push(`Invalid type for parameter ${path}, value: ${JSON.stringify(value)}`);
  return undefined;
}

/**
 * A parsed value (from JSON or shorthand) shaped to the input schema: numbers, booleans, timestamps (`Date`) and
 * blobs (`Uint8Array`, from base64) as the SDK wants them, a lone value where a list goes made a list. Keys the
 * schema does not know are reported as botocore's parameter validation reports them.
 */
export function coerceToSchema(schema: NormalizedSchema, value: unknown, path: string, problems: string[]): unknown {
  if (value === null || value === undefined) return value;
  if (schema.isStructSchema()) {
    if (!isRecord(value)) {
      problems.push(
        `Invalid type for parameter ${path}, value: ${JSON.stringify(value)}, type: <class 'str'>, valid types: <class 'dict'>`,
      );
      return undefined;
    }
    const members = schema.getMemberSchemas();
    const result: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const memberSchema = members[key];
      if (!memberSchema) {
        const names = Object.keys(members).join(', ');
        problems.push(`Unknown parameter in ${path}: "${key}", must be one of: ${names}`);
        continue;
      }
      result[key] = coerceToSchema(memberSchema, member, path ? `${path}.${key}` : key, problems);
    }
    return result;
  }
  if (schema.isListSchema()) {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item, index) => coerceToSchema(schema.getValueSchema(), item, `${path}[${index}]`, problems));
  }
  if (schema.isMapSchema()) {
    if (!isRecord(value)) {
      problems.push(`Invalid type for parameter ${path}, value: ${JSON.stringify(value)}`);
      return undefined;
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        coerceToSchema(schema.getValueSchema(), item, `${path}.${key}`, problems),
      ]),
    );
  }
  if (schema.isDocumentSchema()) return value;
  return coerceScalar(schema, value, path, problems);
}
