#!/usr/bin/env node
// Bundles the `awscourse` command (TypeScript in src/cli) into dist-cli/awscourse.mjs. Dependencies stay external:
// they are installed next to it in node_modules. Each command's code goes in a chunk of its own (dist-cli/chunks/),
// loaded when the command runs: `awscourse report` never loads the AWS SDK the checks and the emulator need.
// dist-cli/report-worker.mjs is the worker thread that reads a large class's files beside the main one.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunks are named by their content's hash: those of an earlier build would pile up.
rmSync('dist-cli', { recursive: true, force: true });
await build({
  entryPoints: { awscourse: 'src/cli/entry.ts', 'report-worker': 'src/cli/report-worker.ts' },
  outdir: 'dist-cli',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
