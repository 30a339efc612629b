/**
 * The public half of a private key file, as ssh derives it before offering the key: PKCS#1 RSA (`BEGIN RSA PRIVATE
 * KEY`, what EC2 hands out for RSA), PKCS#8 (`BEGIN PRIVATE KEY`, RSA or Ed25519) and OpenSSH's own format (`BEGIN
 * OPENSSH PRIVATE KEY`, EC2's Ed25519 keys). Web Crypto and plain byte reading only, so it runs in the page.
 */
import { base64ToBytes, concatBytes } from '../emulator/base64';
import { sshString } from '../emulator/services/ec2-key-material';

/** A DER element: its tag and contents. */
interface Der {
  tag: number;
  content: Uint8Array;
}

/** The DER elements one after another in `bytes`; null when one is cut short. */
function derElements(bytes: Uint8Array): Der[] | null {
  const elements: Der[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = bytes[at++]!;
    let length = bytes[at++] ?? 0;
    if (length & 0x80) {
      const octets = length & 0x7f;
      if (octets > 3) return null;
      length = 0;
      for (let i = 0; i < octets; i++) length = length * 256 + (bytes[at++] ?? 0);
    }
    if (at + length > bytes.length) return null;
    elements.push({ tag, content: bytes.subarray(at, at + length) });
    at += length;
  }
  return elements;
}

/** The elements of the one SEQUENCE `bytes` holds; null when it is not one. */
function sequence(bytes: Uint8Array): Der[] | null {
  const [outer] = derElements(bytes) ?? [];
  return outer?.tag === 0x30 ? derElements(outer.content) : null;
}

const text = (value: string) => new TextEncoder().encode(value);

/** RSA's SSH public key blob from a PKCS#1 RSAPrivateKey: `ssh-rsa`, e, n (DER integers are already mpints). */
function rsaBlob(pkcs1: Uint8Array): Uint8Array | null {
  const [version, modulus, exponent] = sequence(pkcs1) ?? [];
  if (version?.tag !== 2 || modulus?.tag !== 2 || exponent?.tag !== 2) return null;
  return concatBytes([sshString(text('ssh-rsa')), sshString(exponent.content), sshString(modulus.content)]);
}

const rsaEncryption = '2a864886f70d010101';
const ed25519 = '2b6570';
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The public blob of a PKCS#8 PrivateKeyInfo: RSA's from the PKCS#1 key inside, Ed25519's through Web Crypto. */
async function pkcs8Blob(der: Uint8Array): Promise<Uint8Array | null> {
  const [, algorithm, key] = sequence(der) ?? [];
  const [oid] = (algorithm?.tag === 0x30 && derElements(algorithm.content)) || [];
  const name = oid?.tag === 6 ? hex(oid.content) : undefined;
  if (key?.tag !== 4) return null;
  if (name === rsaEncryption) return rsaBlob(key.content);
  if (name !== ed25519) return null;
  try {
    const imported = await crypto.subtle.importKey('pkcs8', der as BufferSource, { name: 'Ed25519' }, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', imported);
    const publicKey = base64ToBytes(jwk.x!.replace(/-/g, '+').replace(/_/g, '/'));
    return concatBytes([sshString(text('ssh-ed25519')), sshString(publicKey)]);
  } catch {
    return null;
  }
}

/** The public blob an OpenSSH private key file carries in the clear, after its cipher, KDF and key count. */
function openSshBlob(bytes: Uint8Array): Uint8Array | null {
  const magic = text('openssh-key-v1\0');
  if (hex(bytes.subarray(0, magic.length)) !== hex(magic)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = magic.length;
  const readString = () => {
    if (at + 4 > bytes.length) return null;
    const length = view.getUint32(at);
    if (at + 4 + length > bytes.length) return null;
    const value = bytes.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    return value;
  };
  for (let field = 0; field < 3; field++) if (!readString()) return null;
  at += 4; // the number of keys: EC2 and ssh-keygen write one
  return readString();
}

/** The readers of each PEM label a private key file can carry. */
const readers: Record<string, (der: Uint8Array) => Uint8Array | null | Promise<Uint8Array | null>> = {
  'RSA PRIVATE KEY': rsaBlob,
  'PRIVATE KEY': pkcs8Blob,
  'OPENSSH PRIVATE KEY': openSshBlob,
};

/**
 * The SSH public key blob (`ssh-rsa …`/`ssh-ed25519 …` decoded) of a private key file's text, or null when the text
 * is not a private key ssh can load (`Load key "k.pem": invalid format`).
 *
 * @example
 * const blob = await publicKeyOfPrivateKey(await fs.readFile('k.pem'));
 */
export async function publicKeyOfPrivateKey(fileText: string): Promise<Uint8Array | null> {
  const pem = /-----BEGIN ([A-Z ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END \1-----/.exec(fileText);
  const read = pem ? readers[pem[1]!] : undefined;
  if (!pem || !read) return null;
  let der: Uint8Array;
  try {
    der = base64ToBytes(pem[2]!.replace(/\s+/g, ''));
  } catch {
    return null;
  }
  return read(der);
}

/** The blob of an OpenSSH public key line (`ssh-rsa AAAA… comment`), as EC2 stores a key pair's; null if none. */
export function blobOfPublicKey(line: string): Uint8Array | null {
  const match = /^(?:ssh-rsa|ssh-ed25519) ([A-Za-z0-9+/]+={0,2})(?:\s|$)/.exec(line.trim());
  if (!match) return null;
  try {
    return base64ToBytes(match[1]!);
  } catch {
    return null;
  }
}

/** Whether two public key blobs are the same key. */
export const sameKey = (a: Uint8Array, b: Uint8Array) => hex(a) === hex(b);
