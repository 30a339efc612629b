import { describe, expect, it } from 'vitest';
import { parseSandboxState, serializeSandboxState } from '../../src/emulator/persistence';
import { createSandbox } from '../../src/emulator/sandbox';
import { fuzzRequest, isAwsShapedError, random } from './fuzz-requests';

const clock = new Date('2026-11-25T10:00:00Z');

describe('the sandbox under malformed and random requests', () => {
  it('answers thousands of them with AWS-shaped errors, never a crash or a 500, and keeps a valid state', async () => {
    const sandbox = createSandbox({ now: () => clock });
    const rng = random(20261125);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    for (let i = 0; i < 2500; i++) {
      const request = await fuzzRequest(rng, clock);
      const label = `request ${i} (${request.method} ${request.url.slice(0, 100)})`;
      const response = await sandbox.handle(request).catch((error: unknown) => {
        failures.push(`${label} threw ${String(error)}`);
        return null;
      });
      if (!response) continue;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      if (response.status === 500) failures.push(`${label} answered 500: ${text.slice(0, 200)}`);
      else if (response.status >= 300 && !isAwsShapedError(request, text))
        failures.push(`${label} answered ${response.status} outside AWS's shape: ${text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(150);
    expect(parseSandboxState(serializeSandboxState(sandbox.state))).toHaveProperty('state');
  }, 120_000);
});
