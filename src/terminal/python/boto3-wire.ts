import { base64ToBytes, bytesToBase64 } from '../../emulator/base64';

/** A streamed output member (S3's GetObject `Body`), which the SDK hands over unread. */
interface StreamedMember {
  transformToByteArray(): Promise<Uint8Array>;
}

function isStreamed(value: unknown): value is StreamedMember {
  return typeof (value as StreamedMember | undefined)?.transformToByteArray === 'function';
}

/**
 * A value as JSON for the page's botocore (`botocore/_wire.py`): dates tagged `$datetime` (ISO 8601, UTC) and bytes
 * tagged `$bytes` (base64), which it turns into `datetime` and `bytes`; undefined members left out.
 */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return { $datetime: value.toISOString() };
  if (value instanceof Uint8Array) return { $bytes: bytesToBase64(value) };
  if (Array.isArray(value)) return value.map(toWire);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([name, member]) => [name, toWire(member)]),
  );
}

/** An SDK output as JSON for Python, its streamed members read whole and tagged `$stream` (a StreamingBody there). */
export async function outputToWire(output: Record<string, unknown>): Promise<Record<string, unknown>> {
  const read = await Promise.all(
    Object.entries(output).map(async ([name, member]) =>
      isStreamed(member) ? [name, { $stream: bytesToBase64(await member.transformToByteArray()) }] : [name, member],
    ),
  );
  return toWire(Object.fromEntries(read)) as Record<string, unknown>;
}

/** JSON from Python with its `$bytes` and `$datetime` values as the SDK takes them: `Uint8Array` and `Date`. */
export function fromWire(text: string): unknown {
  return JSON.parse(text, (_, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const entries = Object.entries(value);
    if (entries.length !== 1) return value;
    const [[tag, content]] = entries as [[string, string]];
    if (tag === '$bytes') return base64ToBytes(content);
    if (tag === '$datetime') return new Date(content);
    return value;
  });
}
