#!/usr/bin/env node
// Runs before `npm start` and `npm test`. Astro 7, msw 3 and vitest 5 need Node 22.12 or newer; on an older Node
// they fail with errors that do not say so. This script is plain ES2015-era JavaScript so that it itself runs on
// any Node that can run npm, and prints what to do instead.
const required = [22, 12, 0];
const current = process.versions.node.split('.').map(Number);

function isOlder(a, b) {
  for (let i = 0; i < 3; i += 1) {
    if (a[i] !== b[i]) return a[i] < b[i];
  }
  return false;
}

if (isOlder(current, required)) {
  const lines = [
    `This course needs Node.js ${required.join('.')} or newer; this is Node.js ${process.versions.node}.`,
    'Either install a current Node.js (https://nodejs.org), or run the same command under Node 24 fetched from npm:',
    "  npx -y -p node@24 -c 'npm install && npm start'",
    "  npx -y -p node@24 -c 'npm test'",
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}
