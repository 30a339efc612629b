/** The code block languages that hold commands to type at a shell prompt. */
const shellLanguages = new Set(['sh', 'bash', 'shell', 'console']);

/**
 * The text a "Run in terminal" button types for a code block: the block's commands, or `undefined` when it holds
 * none (another language, or a script to save, starting with `#!`). A `console` block gives only its `$ ` lines,
 * without the prompt; its other lines are output.
 */
export function commandsOfBlock(language: string, code: string): string | undefined {
  if (!shellLanguages.has(language) || code.startsWith('#!')) return undefined;
  const text =
    language === 'console'
      ? code
          .split('\n')
          .filter((line) => line.startsWith('$ '))
          .map((line) => line.slice(2))
          .join('\n')
      : code;
  const trimmed = text.replace(/\n+$/, '');
  return trimmed.trim() === '' ? undefined : trimmed;
}
