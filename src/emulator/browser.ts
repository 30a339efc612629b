import { setupWorker } from 'msw/browser';
import { sandboxHandlers } from './msw';
import type { Sandbox } from './sandbox';

/**
 * Offline mode in the browser: msw's service worker (`public/mockServiceWorker.js`) answers every request to
 * `*.amazonaws.com` and 169.254.169.254 from the sandbox, including `<img>` loads of presigned URLs. Everything else
 * goes to the network untouched.
 */
export async function startSandboxWorker(sandbox: Sandbox, workerUrl = '/mockServiceWorker.js') {
  const worker = setupWorker(...sandboxHandlers(sandbox));
  await worker.start({ serviceWorker: { url: workerUrl }, onUnhandledFrame: 'bypass', quiet: true });
  return worker;
}
