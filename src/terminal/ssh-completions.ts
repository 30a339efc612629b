import type { LabShell } from './shell';

/** ssh's options whose value is the next word, where a host is not completed. */
const takesValue = new Set(['-i', '-l', '-p', '-o', '-F', '-E', '-J', '-L', '-R', '-D', '-W', '-b', '-c', '-m']);

/**
 * The hosts ssh can complete at the word under the cursor, as bash-completion does: the names in
 * `~/.ssh/known_hosts`, after the word's `user@` when it has one. None where the previous word takes a value.
 */
export async function sshHostCandidates(shell: LabShell, words: readonly string[], word: string): Promise<string[]> {
  if (takesValue.has(words.at(-1) ?? '') || word.startsWith('-')) return [];
  const home = shell.session().env.HOME ?? '/';
  const known = await shell.fs.readFile(`${home}/.ssh/known_hosts`).catch(() => '');
  const user = word.includes('@') ? word.slice(0, word.lastIndexOf('@') + 1) : '';
  const hosts = known
    .split('\n')
    .flatMap((line) => (/^[#|@]/.test(line.trim()) ? [] : (line.trim().split(/\s+/)[0]?.split(',') ?? [])))
    .filter(Boolean);
  return hosts.map((host) => `${user}${host}`);
}
