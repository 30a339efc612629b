/**
 * The host keys of sandbox instances and the learner's `known_hosts`: each instance has its own Ed25519 host key,
 * made from its id, so the same instance always shows the same fingerprint and a new one on a reused address shows
 * another, as OpenSSH's "REMOTE HOST IDENTIFICATION HAS CHANGED" expects.
 */
import { bytesToBase64, concatBytes } from '../emulator/base64';
import { sshString } from '../emulator/services/ec2-key-material';

/** An instance's host key: the `ssh-ed25519 AAAA…` text known_hosts holds, and its SHA256 fingerprint. */
export interface HostKey {
  publicKey: string;
  fingerprint: string;
}

const text = (value: string) => new TextEncoder().encode(value);

const sha256 = async (bytes: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));

/** OpenSSH's fingerprint of a key blob: `SHA256:` and the unpadded base64 of its SHA-256. */
export async function sshFingerprint(blob: Uint8Array): Promise<string> {
  return `SHA256:${bytesToBase64(await sha256(blob)).replace(/=+$/, '')}`;
}

/**
 * The Ed25519 host key of a sandbox instance: its 32 key bytes are the SHA-256 of the instance id, so the key is
 * the same on every connection and differs between instances (it is never used to sign anything).
 */
export async function hostKeyOf(instanceId: string): Promise<HostKey> {
  const blob = concatBytes([
    sshString(text('ssh-ed25519')),
    sshString(await sha256(text(`sandbox host key ${instanceId}`))),
  ]);
  return { publicKey: `ssh-ed25519 ${bytesToBase64(blob)}`, fingerprint: await sshFingerprint(blob) };
}

/** What known_hosts says of a host's key: known and the same, known as another key (at that line), or unknown. */
export type KnownHost =
  | { status: 'matches'; line: number }
  | { status: 'changed'; line: number }
  | { status: 'unknown' };

/**
 * Looks `host` up in the text of a known_hosts file (plain entries: `host[,host…] keytype base64`; hashed ones and
 * markers are skipped, as the lab never writes them) and compares its Ed25519 key with `key`.
 */
export function lookUpKnownHost(knownHosts: string, host: string, key: HostKey): KnownHost {
  let changed: number | undefined;
  for (const [index, line] of knownHosts.split('\n').entries()) {
    const [names, type, base64] = line.trim().split(/\s+/);
    if (!names || names.startsWith('#') || names.startsWith('|') || names.startsWith('@')) continue;
    if (type !== 'ssh-ed25519' || !names.toLowerCase().split(',').includes(host)) continue;
    if (`${type} ${base64}` === key.publicKey) return { status: 'matches', line: index + 1 };
    changed ??= index + 1;
  }
  return changed === undefined ? { status: 'unknown' } : { status: 'changed', line: changed };
}
