// `npm run bench [name...]`: runs the named benchmarks (all when none is named) and prints their reports.
// Results are written down in bench/README.md by hand, with the machine they came from.
import { build } from 'esbuild';
import { run as editor } from './editor.mjs';
import { run as emulatorThroughput } from './emulator-throughput.mjs';
import { run as emulatorUploadMemory } from './emulator-upload-memory.mjs';
import { run as gallery } from './gallery.mjs';
import { run as instructorPage } from './instructor-page.mjs';
import { run as jsBytes } from './js-bytes.mjs';
import { run as python } from './python.mjs';
import { run as report } from './report.mjs';
import { run as terminal } from './terminal.mjs';
import { run as transferSize } from './transfer-size.mjs';

/** Benchmarks written in TypeScript (they import the checkers) are bundled first, then imported. */
async function typescriptBench(entry) {
  const outfile = new URL(`./.build/${entry.replace(/\.ts$/, '.mjs')}`, import.meta.url).pathname;
  await build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return (await import(outfile)).run();
}

const benches = {
  'js-bytes': jsBytes,
  'transfer-size': transferSize,
  terminal,
  editor,
  python,
  gallery,
  'emulator-throughput': emulatorThroughput,
  'emulator-upload-memory': emulatorUploadMemory,
  report,
  'instructor-page': instructorPage,
  'checker-latency': () => typescriptBench('checker-latency.ts'),
  'emulator-fuzz': () => typescriptBench('emulator-fuzz.ts'),
  'aws-command': () => typescriptBench('aws-command.ts'),
  's3-upload': () => typescriptBench('s3-upload.ts'),
  'instance-login': () => typescriptBench('instance-login.ts'),
  diagram: () => typescriptBench('diagram.ts'),
};
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in benches));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')}; known: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
let ok = true;
for (const name of requested.length ? requested : Object.keys(benches)) {
  const result = await benches[name]();
  console.log(`## ${name}\n\n${result.report}\n`);
  ok &&= result.ok;
}
process.exitCode = ok ? 0 : 1;
