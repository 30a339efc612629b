import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/emulator/sandbox';
import { editLine, newLine } from '../../src/terminal/line-editor';
import { createLabShell } from '../../src/terminal/shell';
import { completeAtCursor } from '../../src/terminal/tab-completion';

/** Tab at the end of `text`, in a shell whose known_hosts holds 203.0.113.10 and whose home holds k.pem. */
async function complete(text: string) {
  const shell = createLabShell({ sandbox: createSandbox() });
  await shell.run('mkdir -p ~/.ssh && echo "203.0.113.10 ssh-ed25519 AAAA" > ~/.ssh/known_hosts && touch k.pem');
  return (await completeAtCursor(editLine(newLine([], 11, 80), text).state, shell)).state.text;
}

describe("Tab completion of ssh's destination", () => {
  it('completes user@host from the hosts in known_hosts', async () => {
    expect(await complete('ssh -i k.pem ec2-user@2')).toBe('ssh -i k.pem ec2-user@203.0.113.10 ');
  });

  it('completes a host without a user', async () => {
    expect(await complete('ssh 203')).toBe('ssh 203.0.113.10 ');
  });

  it('completes a file after -i, not a host', async () => {
    expect(await complete('ssh -i k')).toBe('ssh -i k.pem ');
  });
});
