/**
 * just-bash carries bytes between commands as "byte strings": a string whose every character is one byte (0–255),
 * as `Buffer.from(s, 'latin1')` reads it. These two turn them into bytes and back.
 */

/** The bytes a byte string stands for (a command's stdin). */
export function bytesOfByteString(value: unknown): Uint8Array {
  const text = String(value);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/** Bytes as a byte string, for a command's output marked `stdoutKind: 'bytes'`. */
export function byteStringOfBytes(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
}
