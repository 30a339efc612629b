// The lab editor's bytes on the production build (dist/): what the first `nano` loads (the editor-view chunk, its CSS
// inside, and its static imports that the terminal has not loaded already, gzip level 9), and checks that none of the
// terminal's code before its prompt holds CodeMirror and that no lesson page inlines the editor's CSS. Needs
// `npm run build` first.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { staticImports } from './terminal.mjs';

const clientRoot = 'dist/client';
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
/** A class name only CodeMirror's view writes, so a chunk holding it holds CodeMirror. */
const codeMirrorMark = 'cm-scroller';

const chunk = (pattern) => readdirSync(join(clientRoot, '_astro')).filter((name) => pattern.test(name));
const gz = (paths) =>
  paths.reduce((sum, path) => sum + gzipSync(readFileSync(join(clientRoot, path)), { level: 9 }).length, 0);

export async function run() {
  if (!existsSync(clientRoot)) throw new Error('no production build: run `npm run build` first');
  const terminal = [...staticImports(`_astro/${chunk(/^terminal-view\.[\w-]+\.js$/)[0]}`)];
  const editor = [...staticImports(`_astro/${chunk(/^editor-view\.[\w-]+\.js$/)[0]}`)].filter(
    (path) => !terminal.includes(path),
  );
  const inTerminal = terminal.filter((path) => readFileSync(join(clientRoot, path), 'utf8').includes(codeMirrorMark));
  const lesson = readFileSync(join(clientRoot, 'week-1/exercise-3/index.html'), 'utf8');
  const inlined = lesson.includes('.lab-editor');
  return {
    ok: inTerminal.length === 0 && !inlined,
    report: [
      `Loaded by the first nano: ${kb(gz(editor))} in ${editor.length} files (JavaScript with its CSS, gzip -9), ` +
        'beyond what the terminal loaded.',
      `The terminal's code before its prompt: ${kb(gz(terminal))} in ${terminal.length} files, ` +
        `${inTerminal.length === 0 ? 'none of it CodeMirror' : `CodeMirror in ${inTerminal.join(', ')}`}.`,
      `The exercise 3 page ${inlined ? 'inlines' : 'does not inline'} the editor's CSS.`,
    ].join('\n'),
  };
}
