import { createCheckerAws } from '../../checkers/aws-clients';
import type { CheckerAws } from '../../checkers/contract';
import { sandboxRootKey } from '../../src/emulator/state';

/** Checker clients for the sandbox behind msw (see tests/emulator/sandbox-clients.ts), with the root key or another. */
export function sandboxAws(
  keys: { accessKeyId: string; secretAccessKey: string } = sandboxRootKey,
  region = 'us-west-2',
): CheckerAws {
  return createCheckerAws({
    region,
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
    maxAttempts: 1,
  });
}
