#!/usr/bin/env node
// Bundles the `awscourse` command (TypeScript in src/cli) into dist-cli/awscourse.mjs. Dependencies stay external:
// they are installed next to it in node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/entry.ts'],
  outfile: 'dist-cli/awscourse.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
