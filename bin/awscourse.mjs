#!/usr/bin/env node
// The `awscourse` command. Checks Node first (the bundle needs 22.12 or newer), then runs the bundle that
// `npm install` builds (scripts/build-cli.mjs).
import { existsSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `awscourse needs Node.js 22.12 or newer; this is ${process.versions.node}. Try: npx -y -p node@24 -c 'npm run ` +
      `awscourse -- --help'\n`,
  );
  process.exit(2);
}
const bundle = new URL('../dist-cli/awscourse.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    'The awscourse command is not built yet. Run "npm install" (or "npm run build:cli") in the course folder first.\n',
  );
  process.exit(2);
}
await import(bundle.href);
