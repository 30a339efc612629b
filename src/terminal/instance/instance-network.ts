import type { Sandbox } from '../../emulator/sandbox';

/** The instance metadata service's address, which only an instance reaches. */
const metadataUrl = /^http:\/\/169\.254\.169\.254(?::80)?\//;

/**
 * The network an instance sees: its own metadata service at 169.254.169.254 (the sandbox told which instance asks,
 * through a header the learner never types), and everything else as `outside` answers it.
 */
export function instanceNetwork(sandbox: Sandbox, instanceId: string, outside: typeof fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (!metadataUrl.test(request.url)) return outside(request);
    const headers = new Headers(request.headers);
    headers.set('x-sandbox-instance-id', instanceId);
    return sandbox.handle(new Request(request, { headers }));
  };
}
