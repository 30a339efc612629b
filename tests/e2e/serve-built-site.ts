import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmulatorServer } from '../../src/emulator/node-server';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRootKey } from '../../src/emulator/state';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The address of the built course site served for the browser tests, e.g. `http://127.0.0.1:41234`. */
    siteUrl: string;
    /** The sandbox endpoint the site's live mode is pointed at (AWS_ENDPOINT_URL), standing in for AWS. */
    emulatorUrl: string;
    /** The folder of the build being served (its `client/` and `server/`), absolute. */
    buildDir: string;
  }
}

/** A free loopback port, so the tests never collide with a course the learner is running on 4321. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilServing(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the site server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the site server did not answer at ${url} within ${timeoutMs} ms`);
}

/** The tests' own build folder, so that `npm test` never replaces the `dist/` that `npm start` built and serves. */
const buildDir = resolve('dist-e2e');

/**
 * Builds the site exactly as `npm start` does (`npm run build`: Astro for production, the Pagefind index, the course
 * server, the compressed copies) into `dist-e2e/`, and serves it with that build's own server on a free port for the
 * browser tests. Set `E2E_SKIP_BUILD=1` to reuse the last `dist-e2e/` while iterating on tests.
 */
export default async function serveBuiltSite(project: TestProject) {
  if (!process.env.E2E_SKIP_BUILD) {
    const build = spawnSync('npm', ['run', 'build', '--', '--outDir', buildDir], { stdio: 'pipe', encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
    // Kept for the test that the build prints no warnings.
    writeFileSync(join(buildDir, 'build.log'), `${build.stdout}\n${build.stderr}`);
  }
  // Live mode needs AWS; the tests give the site the sandbox's endpoint and key instead, as a learner could.
  const emulator = await startEmulatorServer({ sandbox: createSandbox(), port: 0, host: '127.0.0.1' });
  const port = await freePort();
  const server = spawn(process.execPath, [join(buildDir, 'serve.mjs')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      AWS_ENDPOINT_URL: emulator.url,
      AWS_ACCESS_KEY_ID: sandboxRootKey.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sandboxRootKey.secretAccessKey,
      AWS_REGION: 'us-west-2',
    },
    stdio: 'ignore',
  });
  const siteUrl = `http://127.0.0.1:${port}`;
  await waitUntilServing(`${siteUrl}/`, server, 30_000);
  project.provide('siteUrl', siteUrl);
  project.provide('emulatorUrl', emulator.url);
  project.provide('buildDir', buildDir);
  return () => {
    server.kill();
    emulator.server.close();
  };
}
