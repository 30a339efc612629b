/**
 * ssh's host key check against the learner's known_hosts: a known key goes on, an unknown one is asked about (or
 * added, or refused, by StrictHostKeyChecking), and a changed one stops ssh with OpenSSH's warning.
 */
import type { IFileSystem } from 'just-bash';
import { type HostKey, lookUpKnownHost } from './ssh-host-key';

/** What the check needs: where known_hosts is, the host as typed and its address, and how to ask the learner. */
export interface HostKeyCheck {
  fs: IFileSystem;
  /** known_hosts' absolute path; `/dev/null` keeps nothing. */
  knownHostsFile: string;
  host: string;
  address: string;
  key: HostKey;
  /** StrictHostKeyChecking: `ask` (ssh's default), `yes`, `no`, `accept-new`. */
  strictness: string;
  /** Asks the terminal's question; absent when no one can answer (ssh then refuses, as without a tty). */
  prompt?: (question: string) => Promise<string | undefined>;
}

/** The outcome: verified or not, what ssh printed, and, when it stopped, the course's reason and exit status. */
export interface HostKeyVerdict {
  verified: boolean;
  printed: string;
  hint?: string;
  exitCode?: number;
}

const failed = 'Host key verification failed.\n';

/** OpenSSH's warning for a host whose key is not the one known_hosts holds. */
function changedWarning(check: HostKeyCheck, line: number): string {
  return (
    '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n' +
    '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n' +
    '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n' +
    'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n' +
    'Someone could be eavesdropping on you right now (man-in-the-middle attack)!\n' +
    'It is also possible that a host key has just been changed.\n' +
    'The fingerprint for the ED25519 key sent by the remote host is\n' +
    `${check.key.fingerprint}.\n` +
    'Please contact your system administrator.\n' +
    `Add correct host key in ${check.knownHostsFile} to get rid of this message.\n` +
    `Offending ED25519 key in ${check.knownHostsFile}:${line}\n`
  );
}

/** The question OpenSSH asks about a host it has never seen. */
const question = (check: HostKeyCheck) =>
  `The authenticity of host '${check.host} (${check.address})' can't be established.\n` +
  `ED25519 key fingerprint is ${check.key.fingerprint}.\n` +
  'This key is not known by any other names.\n' +
  'Are you sure you want to continue connecting (yes/no/[fingerprint])? ';

/** Asks until the learner answers yes, no or the fingerprint, as ssh does; undefined when they pressed Ctrl-C. */
async function ask(check: HostKeyCheck, prompt: NonNullable<HostKeyCheck['prompt']>): Promise<boolean | undefined> {
  let asking = question(check);
  for (;;) {
    const answer = (await prompt(asking))?.trim();
    if (answer === undefined) return undefined;
    if (answer.toLowerCase() === 'yes' || answer === check.key.fingerprint) return true;
    if (answer.toLowerCase() === 'no') return false;
    asking = "Please type 'yes', 'no' or the fingerprint: ";
  }
}

/** Appends the host's key to known_hosts (making `~/.ssh` as ssh does) and says so. */
async function addKnownHost(check: HostKeyCheck): Promise<string> {
  if (check.knownHostsFile !== '/dev/null') {
    const directory = check.knownHostsFile.slice(0, check.knownHostsFile.lastIndexOf('/')) || '/';
    await check.fs.mkdir(directory, { recursive: true });
    const before = await check.fs.readFile(check.knownHostsFile).catch(() => '');
    const separator = before === '' || before.endsWith('\n') ? '' : '\n';
    await check.fs.writeFile(check.knownHostsFile, `${before}${separator}${check.host} ${check.key.publicKey}\n`);
  }
  return `Warning: Permanently added '${check.host}' (ED25519) to the list of known hosts.\n`;
}

/**
 * Checks the instance's host key as ssh does before it authenticates: a key known_hosts holds goes on; a changed one
 * stops ssh (StrictHostKeyChecking=no goes on after the warning); an unknown one is asked about, added without asking
 * (`no`, `accept-new`) or refused (`yes`).
 */
export async function verifyHostKey(check: HostKeyCheck): Promise<HostKeyVerdict> {
  const known =
    check.knownHostsFile === '/dev/null' ? '' : await check.fs.readFile(check.knownHostsFile).catch(() => '');
  const found = lookUpKnownHost(known, check.host, check.key);
  const strictness = check.strictness.toLowerCase();
  if (found.status === 'matches') return { verified: true, printed: '' };
  if (found.status === 'changed') {
    const warning = changedWarning(check, found.line);
    if (strictness === 'no')
      return {
        verified: true,
        printed:
          `${warning}Password authentication is disabled to avoid man-in-the-middle attacks.\n` +
          'Keyboard-interactive authentication is disabled to avoid man-in-the-middle attacks.\n',
      };
    return {
      verified: false,
      exitCode: 255,
      printed: `${warning}Host key for ${check.host} has changed and you have requested strict checking.\n${failed}`,
      hint:
        `${check.host} now belongs to another instance than when you first connected (line ${found.line} of ` +
        `${check.knownHostsFile}). Remove the old key: sed -i '${found.line}d' ${check.knownHostsFile}`,
    };
  }
  if (strictness === 'no' || strictness === 'accept-new') return { verified: true, printed: await addKnownHost(check) };
  const refused = (printed: string, exitCode = 255): HostKeyVerdict => ({
    verified: false,
    exitCode,
    printed,
    hint: `ssh connects only once you accept the host key: run it again and answer yes.`,
  });
  if (strictness === 'yes')
    return refused(`No ED25519 host key is known for ${check.host} and you have requested strict checking.\n${failed}`);
  if (!check.prompt) return refused(failed);
  const accepted = await ask(check, check.prompt);
  if (accepted === undefined) return { verified: false, printed: '', exitCode: 130 };
  return accepted ? { verified: true, printed: await addKnownHost(check) } : refused(failed);
}
