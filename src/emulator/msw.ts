import { http, type HttpHandler } from 'msw';
import type { Sandbox } from './sandbox';

/** Every AWS endpoint (`*.amazonaws.com`, any scheme and port) and the instance metadata service. */
export const awsUrlPattern = /^https?:\/\/(?:[^/]+\.)?amazonaws\.com(?::\d+)?\//;
export const metadataUrlPattern = /^http:\/\/169\.254\.169\.254(?::80)?\//;

/**
 * msw handlers that answer AWS and the metadata service from a sandbox: `setupServer(...sandboxHandlers(sandbox))`
 * in Node tests, `setupWorker(...)` in the browser for offline mode (which also serves `<img>` presigned URLs).
 */
export function sandboxHandlers(sandbox: Sandbox): HttpHandler[] {
  return [
    http.all(awsUrlPattern, ({ request }) => sandbox.handle(request)),
    http.all(metadataUrlPattern, ({ request }) => sandbox.handle(request)),
  ];
}
