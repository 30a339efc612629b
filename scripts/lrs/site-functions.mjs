// The site's own progressStatements, courseSource and waitingMessage (src/progress/), bundled with esbuild for this
// Node script: the browser part checks the LRS against what they give for the browser's record as the page keeps it
// in localStorage, and reads the page's words from them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../../', import.meta.url).pathname;

/**
 * Bundles the functions into `work` and imports them.
 *
 * @example
 * const { progressStatements, courseSource } = await loadSiteFunctions(work);
 * progressStatements(record, courseSource()); // what the site sends for the record
 */
export async function loadSiteFunctions(work) {
  const { outputFiles } = await build({
    stdin: {
      contents:
        "export { progressStatements } from './src/progress/xapi.ts';\n" +
        "export { courseSource } from './src/progress/course-source.ts';\n" +
        "export { waitingMessage } from './src/progress/waiting-message.ts';\n",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const file = join(work, 'site-functions.mjs');
  writeFileSync(file, outputFiles[0].text);
  return import(pathToFileURL(file).href);
}
