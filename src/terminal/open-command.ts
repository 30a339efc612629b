import { type Command, defineCommand } from 'just-bash';
import { courseHint } from './course-hint';
import type { TerminalIo } from './terminal-io';

/** The names the preview panel answers to: xdg-open's (Linux) and open's (macOS). */
export const openCommandNames = ['xdg-open', 'open'] as const;

/** The URL a word names: itself with a scheme, `http://` before an address or host name, or none. */
function urlOf(word: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(word) ? word : `http://${word}`;
  try {
    const url = new URL(withScheme);
    return /^https?:$/.test(url.protocol) && url.hostname.includes('.') ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `xdg-open URL` (and `open URL`): asks the page, through the terminal's io, to show the URL in its web preview
 * panel. Without a page (Node) it says, as xdg-open does, that it has no way to open it.
 */
function openCommand(name: string, io: () => TerminalIo): Command {
  return defineCommand(name, async (args) => {
    const word = args.find((arg) => !arg.startsWith('-'));
    if (word === undefined)
      return {
        stdout: '',
        stderr: `${name}: file or URL argument missing\nTry '${name} --help' for more information.\n`,
        exitCode: 1,
      };
    const url = urlOf(word);
    if (!url)
      return {
        stdout: '',
        stderr: `${name}: file '${word}' does not exist\n${courseHint(`the preview panel shows web pages: ${name} http://PUBLIC_IP/`)}`,
        exitCode: 2,
      };
    const { show } = io();
    if (!show)
      return {
        stdout: '',
        stderr: `${name}: no method available for opening '${url}'\n${courseHint("the preview panel opens only in a course page's lab terminal.")}`,
        exitCode: 3,
      };
    show(url);
    return { stdout: '', stderr: '', exitCode: 0 };
  });
}

/** The shell's `xdg-open` and `open`, each showing a URL in the preview panel `io` provides. */
export function openCommands(io: () => TerminalIo): Command[] {
  return openCommandNames.map((name) => openCommand(name, io));
}
