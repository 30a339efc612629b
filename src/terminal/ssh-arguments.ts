/** The command line of `ssh`, read as OpenSSH's getopt reads it. */

/** What `ssh` was asked to do: where, as whom, with which key files and options, and the remote command. */
export interface SshRequest {
  host: string;
  /** The login name from `user@host` or `-l`; undefined when neither gave one. */
  user?: string;
  port: number;
  /** The `-i` files, in the order given. */
  identityFiles: string[];
  /** `-o Name=value` options, by name in lower case (ssh's keywords are case-insensitive). */
  options: Record<string, string>;
  /** How many `-v` were given. */
  verbosity: number;
  /** The words after the destination, joined by spaces as ssh sends them; absent for a login shell. */
  command?: string;
}

/** A command line ssh refuses: its message (with the usage lines where ssh prints them) and exit status 255. */
export interface SshArgumentError {
  message: string;
  exitCode: 255;
}

/** ssh's usage lines (OpenSSH 9). */
export const sshUsage =
  'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n' +
  '           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n' +
  '           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n' +
  '           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n' +
  '           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n' +
  '           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n' +
  '           destination [command [argument ...]]\n' +
  '       ssh [-Q query_option]\n';

/** OpenSSH's option letters: those followed by `:` take a value. */
const optionLetters = '46ab:c:e:fgi:kl:m:no:p:qstvx:AB:CD:E:F:GI:J:KL:MNO:P:Q:R:S:TVw:W:XYy';

/** The `-o` keywords the lab's ssh understands; every other real keyword is taken and has no effect here. */
const knownKeywords = new Set([
  'stricthostkeychecking',
  'userknownhostsfile',
  'identityfile',
  'user',
  'port',
  'connecttimeout',
  'serveraliveinterval',
  'serveralivecountmax',
  'identitiesonly',
  'loglevel',
  'batchmode',
  'passwordauthentication',
  'pubkeyauthentication',
  'forwardagent',
  'requesttty',
  'addkeystoagent',
  'hashknownhosts',
  'compression',
]);

const refuse = (message: string): SshArgumentError => ({ message, exitCode: 255 });

/** One `-o` value (`Name=value`, `Name value`) as a name and a value, or ssh's refusal of an unknown keyword. */
function parseOption(text: string): [string, string] | SshArgumentError {
  const match = /^\s*([A-Za-z0-9]+)\s*(?:=\s*|\s+)(.*)$/.exec(text);
  const name = match?.[1]?.toLowerCase();
  if (!match || !name || !knownKeywords.has(name))
    return refuse(`command-line line 0: Bad configuration option: ${(match?.[1] ?? text).toLowerCase()}\n`);
  return [name, match[2]!.replace(/^"(.*)"$/, '$1')];
}

/** The destination as `[user@]host` or `ssh://[user@]host[:port]`. */
function parseDestination(word: string): { user?: string; host: string; port?: number } {
  const uri = /^ssh:\/\/(?:([^@]+)@)?([^:/]+)(?::(\d+))?\/?$/.exec(word);
  if (uri) return { host: uri[2]!, ...(uri[1] ? { user: uri[1] } : {}), ...(uri[3] ? { port: Number(uri[3]) } : {}) };
  const at = word.lastIndexOf('@');
  return at === -1 ? { host: word } : { user: word.slice(0, at), host: word.slice(at + 1) };
}

interface Parsing {
  request: Omit<SshRequest, 'host'> & { host?: string };
  loginName?: string;
}

/** Applies one option letter and its value; an error for a value ssh refuses. */
function applyOption(parsing: Parsing, letter: string, value: string | undefined): SshArgumentError | undefined {
  const { request } = parsing;
  if (letter === 'i') request.identityFiles.push(value!);
  else if (letter === 'l') parsing.loginName = value!;
  else if (letter === 'v') request.verbosity += 1;
  else if (letter === 'p') {
    const port = /^\d+$/.test(value!) ? Number(value) : Number.NaN;
    if (!(port > 0 && port < 65536)) return refuse(`Bad port '${value}'\n`);
    request.port = port;
  } else if (letter === 'o') {
    const option = parseOption(value!);
    if (!Array.isArray(option)) return option;
    const [name, setting] = option;
    request.options[name] = setting;
    if (name === 'identityfile') request.identityFiles.push(setting);
    if (name === 'port') return applyOption(parsing, 'p', setting);
  }
  return undefined;
}

/**
 * Reads ssh's command line as OpenSSH does: option letters (grouped, values attached or in the next word) before and
 * after the destination, then the remote command. `-l` overrides the destination's user, as in ssh.
 *
 * @example
 * parseSshArguments(['-i', 'k.pem', 'ec2-user@34.1.2.3', 'cat', '/etc/os-release'])
 * // { host: '34.1.2.3', user: 'ec2-user', identityFiles: ['k.pem'], command: 'cat /etc/os-release', ... }
 */
export function parseSshArguments(args: readonly string[]): SshRequest | SshArgumentError {
  const parsing: Parsing = { request: { port: 22, identityFiles: [], options: {}, verbosity: 0 } };
  const { request } = parsing;
  let destination: ReturnType<typeof parseDestination> | undefined;
  let index = 0;
  while (index < args.length) {
    const word = args[index]!;
    if (word === '--') {
      index += 1;
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      if (destination) break;
      destination = parseDestination(word);
      index += 1;
      continue;
    }
    index += 1;
    for (let at = 1; at < word.length; at++) {
      const letter = word[at]!;
      const spec = optionLetters.indexOf(letter);
      if (letter === ':' || spec === -1) return refuse(`ssh: illegal option -- ${letter}\n${sshUsage}`);
      if (optionLetters[spec + 1] !== ':') {
        const failed = applyOption(parsing, letter, undefined);
        if (failed) return failed;
        continue;
      }
      const attached = word.slice(at + 1);
      const value = attached || args[index];
      if (value === undefined) return refuse(`ssh: option requires an argument -- ${letter}\n${sshUsage}`);
      if (!attached) index += 1;
      const failed = applyOption(parsing, letter, value);
      if (failed) return failed;
      break;
    }
  }
  if (!destination && index < args.length) destination = parseDestination(args[index++]!);
  if (!destination) return refuse(sshUsage);
  const user = parsing.loginName ?? destination.user ?? request.options.user;
  const rest = args.slice(index);
  return {
    ...request,
    host: destination.host,
    port: destination.port ?? request.port,
    ...(user ? { user } : {}),
    ...(rest.length > 0 ? { command: rest.join(' ') } : {}),
  };
}
