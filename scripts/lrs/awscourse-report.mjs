// `awscourse report` as `npm run lrs` runs it, and the figures read from what it prints.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

/**
 * Runs `awscourse report` with the arguments; resolves with its exit status and output. Asynchronously: the auth
 * stand-in in this process must keep answering the LRS while the command sends.
 */
export function awscourseReport(args, env = {}) {
  const child = spawn(process.execPath, [join(root, 'bin', 'awscourse.mjs'), 'report', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, output })));
}

/** How many statements a `--send-xapi` run says it sent, as it prints the number (`1,234`). */
export const sentCount = (output) => /Sent ([\d,]+) of [\d,]+ statements to /.exec(output)?.[1];

/** How many statements a `--send-xapi` run says the LRS holds with other content. */
export const conflictingCount = (output) =>
  /already holds ([\d,]+) of the statements with other content/.exec(output)?.[1];

/** A count as `awscourse` prints it. */
export const printedCount = (count) => count.toLocaleString('en-US');
