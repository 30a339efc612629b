import { defineCommand } from 'just-bash';

/**
 * `clear`: what ncurses' clear prints, the scrollback erased too (`ESC[3J`), which just-bash's own leaves behind in
 * xterm.
 */
export const clearCommand = defineCommand('clear', async () => ({
  stdout: '\x1b[H\x1b[2J\x1b[3J',
  stderr: '',
  exitCode: 0,
}));
