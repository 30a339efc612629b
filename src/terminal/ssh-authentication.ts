/**
 * ssh's public key authentication against a sandbox instance: the key files as ssh loads them (mode, then format),
 * then what the instance's sshd accepts: its image's user, with the private key of the key pair it was launched with.
 */
import type { IFileSystem } from 'just-bash';
import type { Instance, SandboxState } from '../emulator/state';
import { defaultUserOf } from './ssh-login-user';
import { blobOfPublicKey, publicKeyOfPrivateKey, sameKey } from './ssh-private-key';

/** What an identity file gave ssh: a public key to offer, or why it offered none (and what ssh printed). */
type LoadedKey =
  | { file: string; blob: Uint8Array }
  | { file: string; problem: 'missing' | 'bad-permissions' | 'invalid-format' };

/** The outcome of authentication: the lines ssh printed on the way, and the course's reason when it failed. */
export interface Authentication {
  accepted: boolean;
  printed: string;
  /** Which rule failed and where to look; absent when the key was accepted. */
  hint?: string;
}

/** OpenSSH's refusal of a key file others can read (sshkey_perm_ok), with the mode it found. */
const unprotectedKey = (file: string, mode: number) =>
  '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n' +
  '@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @\n' +
  '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n' +
  `Permissions 0${(mode & 0o777).toString(8)} for '${file}' are too open.\n` +
  'It is required that your private key files are NOT accessible by others.\n' +
  'This private key will be ignored.\n' +
  `Load key "${file}": bad permissions\n`;

/** Reads one `-i` file as ssh does: missing files were warned about at start; then its mode; then its format. */
async function loadKey(fs: IFileSystem, cwd: string, file: string): Promise<{ key: LoadedKey; printed: string }> {
  const path = fs.resolvePath(cwd, file);
  const stat = await fs.stat(path).catch(() => undefined);
  if (!stat?.isFile) return { key: { file, problem: 'missing' }, printed: '' };
  if (stat.mode & 0o077) return { key: { file, problem: 'bad-permissions' }, printed: unprotectedKey(file, stat.mode) };
  const blob = await publicKeyOfPrivateKey(await fs.readFile(path));
  if (!blob) return { key: { file, problem: 'invalid-format' }, printed: `Load key "${file}": invalid format\n` };
  return { key: { file, blob }, printed: '' };
}

/** Why no key file was offered, for the first file that failed: the course's words for each problem. */
const keyProblemHints: Record<Extract<LoadedKey, { problem: string }>['problem'], (file: string) => string> = {
  missing: (file) =>
    `${file} does not exist in this directory: save the private key where you run ssh ` +
    `(aws ec2 create-key-pair --key-name NAME --query KeyMaterial --output text > ${file}).`,
  'bad-permissions': (file) =>
    `ssh ignores a private key that others can read: make it yours alone with chmod 400 ${file}, then run ssh again.`,
  'invalid-format': (file) =>
    `${file} is not a private key: it should start with -----BEGIN RSA PRIVATE KEY----- (or OPENSSH PRIVATE KEY), ` +
    `the KeyMaterial create-key-pair printed once.`,
};

/** The IAM user names of the instance's account, to tell a learner who logs in as one why that cannot work. */
function iamUserNames(state: SandboxState, accountId: string): string[] {
  return Object.values(state.accounts[accountId]?.iam.users ?? {}).map((user) => user.userName);
}

/** Why the instance's sshd refuses every offered key, or undefined when one of them is its key pair's. */
function refusal(
  state: SandboxState,
  where: { accountId: string; region: string; instance: Instance },
  offered: Uint8Array[],
  files: string[],
): string | undefined {
  const { instance } = where;
  const keyName = instance.keyName;
  if (!keyName)
    return (
      `${instance.instanceId} was launched without a key pair, so it accepts no key: launch an instance with ` +
      `--key-name NAME (or connect with EC2 Instance Connect in the console).`
    );
  const keyPairs = Object.values(state.accounts[where.accountId]?.regions[where.region]?.keyPairs ?? {});
  const stored = keyPairs.find((pair) => pair.keyName === keyName);
  const storedBlob = stored ? blobOfPublicKey(stored.publicKey) : null;
  if (!stored || !storedBlob)
    return (
      `Key pair ${keyName}, which ${instance.instanceId} was launched with, no longer exists in EC2; only the ` +
      `private key you saved when you created it logs in.`
    );
  // The instance keeps the public key it was launched with: a key pair made again later under its name is another.
  // EC2 gives the launch time to the second.
  if (Math.floor(Date.parse(stored.createTime) / 1000) > Date.parse(instance.launchTime) / 1000)
    return (
      `Key pair ${keyName} was made again after ${instance.instanceId} was launched; the instance still accepts ` +
      `only the first ${keyName}'s private key. Launch a new instance with the new key pair.`
    );
  if (!offered.some((blob) => sameKey(blob, storedBlob)))
    return files.length === 0
      ? `ssh offered no key: give the private key of key pair ${keyName} with -i (ssh -i ${keyName}.pem …).`
      : `${files.join(', ')} is not the private key of key pair ${keyName}, which ${instance.instanceId} was ` +
          `launched with.`;
  return undefined;
}

/**
 * Authenticates `user` with the `-i` files to `instance`, as its sshd would: accepted only for the image's default
 * user with the private key of the instance's key pair. A failure prints what ssh prints for each key file and
 * explains the first rule that failed: a key file's problem, the key pair, then the user.
 */
export async function authenticate(
  fs: IFileSystem,
  cwd: string,
  state: SandboxState,
  login: { accountId: string; region: string; instance: Instance; user: string; identityFiles: string[] },
): Promise<Authentication> {
  const loaded = await Promise.all(login.identityFiles.map((file) => loadKey(fs, cwd, file)));
  const printed = loaded.map((entry) => entry.printed).join('');
  const keys = loaded.map((entry) => entry.key);
  const offered = keys.flatMap((key) => ('blob' in key ? [key.blob] : []));
  const failedKey = keys.find((key) => 'problem' in key);
  const keyRefusal = refusal(state, login, offered, login.identityFiles);
  const { user: expected, image } = defaultUserOf(login.region, login.instance.imageId);
  const wrongUser =
    login.user === expected
      ? undefined
      : iamUserNames(state, login.accountId).includes(login.user)
        ? `Log in as ${expected}: the IAM user you created (${login.user}) is for the AWS APIs, not for the ` +
          `instance's operating system.`
        : `Log in as ${expected}, the user of ${login.instance.instanceId}'s image (${image}), not ${login.user}.`;
  if (!keyRefusal && !wrongUser) return { accepted: true, printed };
  const hint =
    offered.length === 0 && failedKey && 'problem' in failedKey
      ? keyProblemHints[failedKey.problem](failedKey.file)
      : (keyRefusal ?? wrongUser);
  return { accepted: false, printed, ...(hint ? { hint } : {}) };
}
