import { base64ToBytes, bytesToBase64 } from './base64';

/** The flexible checksums S3 accepts, by the lower-case suffix of their `x-amz-checksum-*` header. */
export const checksumAlgorithms = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;
export type ChecksumAlgorithm = (typeof checksumAlgorithms)[number];

function crcTable(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const tables = { crc32: crcTable(0xedb88320), crc32c: crcTable(0x82f63b78) };

function crc(bytes: Uint8Array, table: Uint32Array): Uint8Array {
  let c = 0xffffffff;
  for (const byte of bytes) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
  c = (c ^ 0xffffffff) >>> 0;
  return new Uint8Array([c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff]);
}

/**
 * The base64 checksum of `bytes`, as S3 computes it, or null for an algorithm the sandbox stores without checking
 * (CRC64/NVME).
 */
export async function computeChecksum(algorithm: ChecksumAlgorithm, bytes: Uint8Array): Promise<string | null> {
  switch (algorithm) {
    case 'crc32':
    case 'crc32c':
      return bytesToBase64(crc(bytes, tables[algorithm]));
    case 'sha1':
    case 'sha256':
      return bytesToBase64(
        new Uint8Array(await crypto.subtle.digest(algorithm === 'sha1' ? 'SHA-1' : 'SHA-256', bytes as BufferSource)),
      );
    default:
      return null;
  }
}

/** True when the text is base64 of the right length for its algorithm. */
export function wellFormedChecksum(algorithm: ChecksumAlgorithm, value: string): boolean {
  try {
    const length = base64ToBytes(value).length;
    return length === { crc32: 4, crc32c: 4, crc64nvme: 8, sha1: 20, sha256: 32 }[algorithm];
  } catch {
    return false;
  }
}
