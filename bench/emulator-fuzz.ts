// 50,000 seeded random requests through the sandbox core, as the robustness test sends 2,500 of them: malformed
// and hostile ones, most validly signed after their parameters were mutated, with prototype names in every name
// position, skewed dates, odd methods, truncated and swapped bodies. Counts the answers per status, and the 500s,
// the replies outside AWS's error shapes and the exceptions, which must all be zero. Built by bench/run.mjs.
import { parseSandboxState, serializeSandboxState } from '../src/emulator/persistence';
import { createSandbox } from '../src/emulator/sandbox';
import { fuzzRequest, isAwsShapedError, random } from '../tests/emulator/fuzz-requests';

const total = Number(process.env.FUZZ_REQUESTS ?? 50_000);
const clock = new Date('2026-11-25T10:00:00Z');

export async function run(): Promise<{ ok: boolean; report: string }> {
  const sandbox = createSandbox({ now: () => clock });
  const rng = random(20261125);
  const statuses = new Map<number, number>();
  let thrown = 0;
  let serverErrors = 0;
  let unshaped = 0;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const request = await fuzzRequest(rng, clock);
    try {
      const response = await sandbox.handle(request);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      if (response.status === 500) serverErrors++;
      else if (response.status >= 300 && !isAwsShapedError(request, text)) unshaped++;
    } catch {
      thrown++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const stateLoads = 'state' in parseSandboxState(serializeSandboxState(sandbox.state));
  const rows = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `| ${status} | ${count} |`);
  const ok = thrown === 0 && serverErrors === 0 && unshaped === 0 && stateLoads;
  const report = [
    `${total} requests in ${seconds.toFixed(1)} s (signing included)`,
    '',
    '| status | answers |',
    '| ---: | ---: |',
    ...rows,
    '',
    `500s: ${serverErrors}; replies outside AWS's error shapes: ${unshaped}; exceptions: ${thrown}; ` +
      `state saves and loads back: ${stateLoads ? 'yes' : 'no'}. ${ok ? 'Pass.' : '**Fail.**'}`,
  ].join('\n');
  return { ok, report };
}
