import type { SandboxState } from './state';
import { sandboxStateSchema } from './state-schema';
import { errorMessage } from '../lib/error-message';
import { firstIssue } from '../lib/first-issue';
import { parseJsonRecords } from '../lib/name-record';

export { sandboxStateSchema };

/** The state as the JSON text of a sandbox file. */
export function serializeSandboxState(state: SandboxState): string {
  return `${JSON.stringify(state, null, 1)}\n`;
}

/**
 * A sandbox file read back: the state, or a message saying what is wrong and where. Never throws. The schema only
 * validates (zod's records drop a `__proto__` key); the state is the JSON itself, its maps without prototypes.
 */
export function parseSandboxState(text: string): { state: SandboxState } | { error: string } {
  let json: unknown;
  try {
    json = parseJsonRecords(text);
  } catch (error) {
    return { error: `The sandbox file is not valid JSON (${errorMessage(error, 'parse error')}).` };
  }
  return validateSandboxState(json);
}

/** Checks parsed JSON against the state's schema; the state is the JSON itself, so unknown fields stay. */
export function validateSandboxState(json: unknown): { state: SandboxState } | { error: string } {
  const result = sandboxStateSchema.safeParse(json);
  if (!result.success) {
    return { error: `The sandbox file is damaged${firstIssue(result.error)}.` };
  }
  // The file's own JSON, not zod's copy, which would drop the fields this version does not know.
  return { state: json as SandboxState };
}
