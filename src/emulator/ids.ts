import { fnv1a32 } from '../lib/fnv1a';

/** Random identifiers in the shapes AWS uses, so they look and validate like the real ones. */

function randomHex(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(Math.ceil(length / 2)));
  return [...bytes]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, length);
}

const upperAlphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomFrom(alphabet: string, length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** An EC2 resource id: `vpc-0a1b2c3d4e5f67890` (prefix and 17 hex digits). */
export function ec2Id(prefix: string): string {
  return `${prefix}-0${randomHex(16)}`;
}

/** An IAM unique id: `AIDA…` for users, `ANPA…` policies, `AROA…` roles, `AIPA…` instance profiles, `AGPA…` groups; 21. */
export function iamUniqueId(prefix: 'AIDA' | 'ANPA' | 'AROA' | 'AIPA' | 'AGPA'): string {
  return prefix + randomFrom(upperAlphanumeric, 17);
}

/** An SSH public key's id: `APKA…`, 20 characters, as IAM gives them. */
export function sshPublicKeyId(): string {
  return `APKA${randomFrom(upperAlphanumeric, 16)}`;
}

/** A new access key pair: a 20-character `AKIA…` id and a 40-character secret. */
export function newAccessKeyPair(): { accessKeyId: string; secretAccessKey: string } {
  const secretAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return { accessKeyId: `AKIA${randomFrom(upperAlphanumeric, 16)}`, secretAccessKey: randomFrom(secretAlphabet, 40) };
}

/** A request id in the UUID form most AWS services use. */
export function requestId(): string {
  return crypto.randomUUID();
}

/**
 * S3's opaque host id header value (`x-amz-id-2`): 48 bytes in base64, as S3's look. They are worked out from the
 * request's id by FNV-1a rather than drawn at random, which cost every S3 answer a draw from the system's source.
 */
export function s3HostId(requestId: string): string {
  const bytes = new Array<number>(48);
  let hash = 2166136261;
  for (let i = 0; i < bytes.length; i++) {
    hash = Math.imul(hash ^ requestId.charCodeAt(i % requestId.length), 16777619) >>> 0;
    bytes[i] = hash >>> 24;
  }
  return btoa(String.fromCharCode(...bytes));
}

/** A MAC address in the locally-administered range EC2 uses (`0a:…`). */
export function macAddress(): string {
  return ['0a', ...Array.from({ length: 5 }, () => randomHex(2))].join(':');
}

/** Lower-case hex of the given length. */
export function hexId(length: number): string {
  return randomHex(length);
}

/** FNV-1a of the text from `seed`, as 8 hex digits: stable ids and names derived from a string. */
export function fnv32(text: string, seed: number): string {
  return fnv1a32(text, seed).toString(16).padStart(8, '0');
}

/**
 * Ids that are the same every time for the same seed: the default VPC of an account's region gets these, so a
 * read-only call can show it without storing anything and a later write stores the very same ids.
 */
export function stableEc2Ids(seed: string): (prefix: string) => string {
  let counter = 0;
  return (prefix) => {
    const text = `${seed}/${prefix}/${counter++}`;
    return `${prefix}-0${fnv32(text, 2166136261)}${fnv32(text, 16777619)}`;
  };
}
