#!/usr/bin/env node
// Runs first on `npm install` (preinstall), `npm start` and `npm test`. Astro 7, msw 3 and vitest 5 need Node 22.12
// or newer; on an older Node they fail with errors that do not say so, and npm's own EBADENGINE names the version
// but not what to do. This script is plain ES2015-era JavaScript so that it itself runs on any Node that can run
// npm, and prints what to do instead.
import { pathToFileURL } from 'node:url';

const required = [22, 12, 0];

/** @param {number[]} a @param {number[]} b */
function isOlder(a, b) {
  for (let i = 0; i < 3; i += 1) {
    if (a[i] !== b[i]) return a[i] < b[i];
  }
  return false;
}

/**
 * What to tell someone running Node `version` (like `20.20.2`), or undefined when it is new enough.
 * @param {string} version
 * @returns {string | undefined}
 */
export function nodeVersionProblem(version) {
  if (!isOlder(version.split('.').map(Number), required)) return undefined;
  return [
    `This course needs Node.js ${required.join('.')} or newer; this is Node.js ${version}.`,
    'Either install a current Node.js (https://nodejs.org), or run the same command under Node 24 fetched from npm:',
    "  npx -y -p node@24 -c 'npm install && npm start'",
    "  npx -y -p node@24 -c 'npm test'",
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}
