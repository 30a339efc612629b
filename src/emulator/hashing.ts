/**
 * SHA-256 and HMAC-SHA256, which SigV4 verification computes on every request. Node computes them with node:crypto,
 * synchronously: WebCrypto in Node hands every digest to a thread pool and back, which cost a fifth of the endpoint's
 * time. The browser, which has no node:crypto, uses WebCrypto.
 */
export interface Hashing {
  /** SHA-256 of `data` (a string as UTF-8), as lower-case hex. */
  sha256Hex(data: Uint8Array | string): Promise<string>;
  /** HMAC-SHA256 of `data` (as UTF-8) under `key`. */
  hmacSha256(key: Uint8Array, data: string): Promise<Uint8Array>;
  /** The same HMAC as lower-case hex: a signature. */
  hmacSha256Hex(key: Uint8Array, data: string): Promise<string>;
}

type NodeCrypto = typeof import('node:crypto');

/**
 * Hashing through node:crypto's synchronous hashes, each HMAC key made a `KeyObject` once: node:crypto checks and
 * copies a key given as bytes on every call, which costs ten times the HMAC itself.
 */
export function nodeHashing(crypto: NodeCrypto): Hashing {
  const keyObjects = new WeakMap<Uint8Array, import('node:crypto').KeyObject>();
  const keyObject = (key: Uint8Array) => {
    let made = keyObjects.get(key);
    if (!made) {
      made = crypto.createSecretKey(key);
      keyObjects.set(key, made);
    }
    return made;
  };
  return {
    sha256Hex: async (data) => crypto.hash('sha256', data, 'hex'),
    hmacSha256: async (key, data) => crypto.createHmac('sha256', keyObject(key)).update(data).digest(),
    hmacSha256Hex: async (key, data) => crypto.createHmac('sha256', keyObject(key)).update(data).digest('hex'),
  };
}

const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Hashing through WebCrypto, importing each HMAC key once (a cached signing key serves many requests). */
export function webHashing(subtle: SubtleCrypto): Hashing {
  const importedKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();
  const importKey = (key: Uint8Array) => {
    let imported = importedKeys.get(key);
    if (!imported) {
      imported = subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      importedKeys.set(key, imported);
    }
    return imported;
  };
  return {
    async sha256Hex(data) {
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      return hex(await subtle.digest('SHA-256', bytes as BufferSource));
    },
    async hmacSha256(key, data) {
      return new Uint8Array(await subtle.sign('HMAC', await importKey(key), encoder.encode(data)));
    },
    async hmacSha256Hex(key, data) {
      return hex(await subtle.sign('HMAC', await importKey(key), encoder.encode(data)));
    },
  };
}

/** node:crypto where the host has it (Node 22.3+ lends built-ins to code that cannot import them), else none. */
export function builtinCrypto(): NodeCrypto | undefined {
  return globalThis.process?.getBuiltinModule?.('node:crypto');
}

/** The host's hashing: node:crypto in Node, WebCrypto in the browser. */
export const hashing: Hashing = ((crypto) => (crypto ? nodeHashing(crypto) : webHashing(globalThis.crypto.subtle)))(
  builtinCrypto(),
);
