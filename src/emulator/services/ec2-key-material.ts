/** The key material of EC2 key pairs: new keys in the formats EC2 hands out, and the fingerprints EC2 gives. */
import { bytesToBase64, concatBytes } from '../base64';
import { md5Hex } from '../md5';

/** SSH wire encoding: a uint32 length, then the bytes. */
export function sshString(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

const concat = (...parts: Uint8Array[]) => concatBytes(parts);

const text = (value: string) => new TextEncoder().encode(value);

function fromBase64Url(value: string): Uint8Array {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

/** An SSH mpint: big-endian, with a leading zero byte when the top bit is set. */
function mpint(bytes: Uint8Array): Uint8Array {
  return sshString(bytes[0]! & 0x80 ? concat(new Uint8Array([0]), bytes) : bytes);
}

function pem(label: string, der: Uint8Array): string {
  const lines = bytesToBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
}

const colonHex = (hex: string) => hex.match(/../g)!.join(':');

/** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo (the OCTET STRING after the algorithm identifier). */
function pkcs1FromPkcs8(der: Uint8Array): Uint8Array {
  let offset = 0;
  const readLength = () => {
    const first = der[offset++]!;
    if (first < 0x80) return first;
    let length = 0;
    for (let i = 0; i < (first & 0x7f); i++) length = (length << 8) | der[offset++]!;
    return length;
  };
  offset++; // SEQUENCE
  readLength();
  // `offset += readLength()` would read offset before readLength moves it; skip in two steps.
  offset++; // INTEGER version
  const versionLength = readLength();
  offset += versionLength;
  offset++; // SEQUENCE algorithm
  const algorithmLength = readLength();
  offset += algorithmLength;
  offset++; // OCTET STRING
  const length = readLength();
  return der.slice(offset, offset + length);
}

/**
 * A new key pair as CreateKeyPair returns it: the private key (PEM for RSA, OpenSSH for ED25519), public key,
 * fingerprint.
 */
export async function createKeyMaterial(
  keyType: 'rsa' | 'ed25519',
): Promise<{ privateKey: string; publicKey: string; fingerprint: string }> {
  if (keyType === 'rsa') {
    const pair = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const blob = concat(sshString(text('ssh-rsa')), mpint(fromBase64Url(jwk.e!)), mpint(fromBase64Url(jwk.n!)));
    // EC2 fingerprints a key it created by the SHA-1 of the private key's PKCS#8 DER.
    const sha1 = new Uint8Array(await crypto.subtle.digest('SHA-1', pkcs8 as BufferSource));
    return {
      privateKey: pem('RSA PRIVATE KEY', pkcs1FromPkcs8(pkcs8)),
      publicKey: `ssh-rsa ${bytesToBase64(blob)}`,
      fingerprint: colonHex([...sha1].map((b) => b.toString(16).padStart(2, '0')).join('')),
    };
  }
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const seed = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)).slice(-32);
  const keyType_ = text('ssh-ed25519');
  const blob = concat(sshString(keyType_), sshString(publicRaw));
  const check = crypto.getRandomValues(new Uint8Array(4));
  let privateSection = concat(
    check,
    check,
    sshString(keyType_),
    sshString(publicRaw),
    sshString(concat(seed, publicRaw)),
    sshString(new Uint8Array()),
  );
  const padding = Uint8Array.from({ length: (8 - (privateSection.length % 8)) % 8 }, (_, i) => i + 1);
  privateSection = concat(privateSection, padding);
  const none = sshString(text('none'));
  const body = concat(
    text('openssh-key-v1\0'),
    none,
    none,
    sshString(new Uint8Array()),
    new Uint8Array([0, 0, 0, 1]),
    sshString(blob),
    sshString(privateSection),
  );
  return {
    privateKey: pem('OPENSSH PRIVATE KEY', body),
    publicKey: `ssh-ed25519 ${bytesToBase64(blob)}`,
    fingerprint: await sha256Fingerprint(blob),
  };
}

async function sha256Fingerprint(blob: Uint8Array): Promise<string> {
  return bytesToBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', blob as BufferSource)));
}

/** RFC 4716's public key block: its header lines (`Name: value`, continued by a trailing `\`) and base64 body. */
const rfc4716Block = /^---- BEGIN SSH2 PUBLIC KEY ----\r?\n([\s\S]*?)\r?\n---- END SSH2 PUBLIC KEY ----\s*$/;

/**
 * A public key as the one OpenSSH line (`ssh-rsa AAAA…`) EC2 stores: the text itself, or the key of an RFC 4716
 * block (`---- BEGIN SSH2 PUBLIC KEY ----`), which EC2 also imports; its type is the one its blob names.
 */
export function openSshPublicKey(text: string): string {
  const block = rfc4716Block.exec(text.trim());
  if (!block) return text.trim();
  // Header lines are `Name: value`; one ending in `\` continues on the next line. The rest is the base64 body.
  let continued = false;
  const body = block[1]!
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => {
      const header: boolean = continued || /^[\x21-\x39\x3b-\x7e]{1,64}:/.test(line);
      continued = header && line.endsWith('\\');
      return !header;
    })
    .join('');
  let type: string;
  try {
    const blob = atob(body);
    type = blob.slice(4, 4 + ((blob.charCodeAt(2) << 8) | blob.charCodeAt(3)));
  } catch {
    return text.trim();
  }
  return `${type} ${body}`;
}

/**
 * The fingerprint EC2 gives an imported OpenSSH public key — MD5 of the public key's DER for RSA, base64 SHA-256 of
 * the key blob for ED25519 (EC2 User Guide, 'Verify the fingerprint of your key pair') — or null when the text is not
 * an OpenSSH public key.
 */
export async function fingerprintOfImportedKey(publicKey: string): Promise<string | null> {
  const match = /^(ssh-rsa|ssh-ed25519) ([A-Za-z0-9+/]+={0,2})(?: .*)?$/.exec(publicKey.trim());
  if (!match) return null;
  let blob: Uint8Array;
  try {
    blob = Uint8Array.from(atob(match[2]!), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  const declaredLength = blob.length >= 4 ? new DataView(blob.buffer).getUint32(0) : -1;
  if (declaredLength !== match[1]!.length || new TextDecoder().decode(blob.slice(4, 4 + declaredLength)) !== match[1])
    return null;
  return match[1] === 'ssh-rsa' ? rsaImportFingerprint(blob) : sha256Fingerprint(blob);
}

/** The fields of an SSH key blob: SSH strings one after another (type, then e and n for RSA); null when cut short. */
function sshFields(blob: Uint8Array): Uint8Array[] | null {
  const fields: Uint8Array[] = [];
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let offset = 0; offset < blob.length; ) {
    if (offset + 4 > blob.length) return null;
    const length = view.getUint32(offset);
    if (offset + 4 + length > blob.length) return null;
    fields.push(blob.slice(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return fields;
}

const toBase64Url = (bytes: Uint8Array) => {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytesToBase64(bytes.slice(start)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/**
 * EC2's fingerprint of an imported RSA key: the MD5 of its DER SubjectPublicKeyInfo (what `openssl pkey -pubin
 * -outform DER | openssl md5 -c` prints), not of the SSH blob; null when the blob holds no usable RSA key.
 */
async function rsaImportFingerprint(blob: Uint8Array): Promise<string | null> {
  const [, exponent, modulus] = sshFields(blob) ?? [];
  if (!exponent?.length || !modulus?.length) return null;
  try {
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'RSA', e: toBase64Url(exponent), n: toBase64Url(modulus) },
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      true,
      ['verify'],
    );
    return colonHex(md5Hex(new Uint8Array(await crypto.subtle.exportKey('spki', key))));
  } catch {
    return null;
  }
}
