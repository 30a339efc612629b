import { type Command, defineCommand } from 'just-bash';
import { type EditorOpenError, openEditorFile, saveEditorFile } from './editor-file';
import type { TerminalIo } from './terminal-io';

/** The names the editor answers to: nano's and vi's, and a plain `edit`. */
export const editorCommandNames = ['nano', 'vi', 'vim', 'edit'] as const;

const failure = (name: string, error: EditorOpenError, exitCode = 1) => ({
  stdout: '',
  stderr: `${name}: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`,
  exitCode,
});

/** The file an editor's arguments name: the first that is not an option (`-w`) or a line number (`+12`). */
const fileArgument = (args: string[]) => args.find((arg) => !/^[-+]./.test(arg));

/**
 * `nano FILE` (and `vi`, `vim`, `edit`): opens the page's editor on a file of the shell's filesystem, relative to the
 * working directory, and ends when the learner closes it. Where there is no page (Node), it says so and opens
 * nothing; a directory or a path that cannot hold a file prints nano's message.
 */
function editorCommand(name: string, io: () => TerminalIo): Command {
  return defineCommand(name, async (args, ctx) => {
    const fileName = fileArgument(args);
    if (fileName === undefined)
      return failure(name, { message: 'name the file to edit', hint: `Usage: ${name} FILE` }, 2);
    const { edit } = io();
    if (!edit)
      return failure(name, {
        message: 'the editor opens only in the lab terminal of a course page',
        hint: `Here, write the file from the shell instead: cat > ${fileName}`,
      });
    const file = await openEditorFile(ctx.fs, ctx.cwd, fileName);
    if ('message' in file) return failure(name, file);
    // The page's editor loads on first use; if that fails (the page went offline), the shell says so and goes on.
    const failed = await edit({ file, save: (text) => saveEditorFile(ctx.fs, file, text) }).then(
      () => undefined,
      (error: unknown) => ({
        message: `the editor could not open: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'Reload the page and try again.',
      }),
    );
    return failed ? failure(name, failed) : { stdout: '', stderr: '', exitCode: 0 };
  });
}

/** The shell's editor commands, each opening the editor `io` provides. */
export function editorCommands(io: () => TerminalIo): Command[] {
  return editorCommandNames.map((name) => editorCommand(name, io));
}
