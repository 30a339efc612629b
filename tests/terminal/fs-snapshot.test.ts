import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/emulator/sandbox';
import { restoreFileSystem, snapshotFileSystem } from '../../src/terminal/fs-snapshot';
import { createLabShell } from '../../src/terminal/shell';

async function roundTrip(script: string) {
  const first = createLabShell({ sandbox: createSandbox() });
  await first.run(script);
  const saved = await snapshotFileSystem(first.fs);
  return { saved, shell: createLabShell({ sandbox: createSandbox(), fs: await restoreFileSystem(saved) }) };
}

describe('snapshotFileSystem and restoreFileSystem', () => {
  it('bring back the files and directories the learner made', async () => {
    const { shell } = await roundTrip('mkdir -p lab/iam && echo hello > lab/iam/note.txt');
    expect((await shell.run('cat lab/iam/note.txt')).stdout).toBe('hello\n');
  });

  it('bring back bytes that are not text unchanged', async () => {
    const { shell } = await roundTrip('echo /wCJUE5H | base64 -d > image.bin');
    expect((await shell.run('base64 image.bin')).stdout).toBe('/wCJUE5H\n');
  });

  it("bring back a file's mode", async () => {
    const { shell } = await roundTrip('echo key > edx-key.pem && chmod 400 edx-key.pem');
    expect((await shell.run('stat -c %a edx-key.pem')).stdout).toBe('400\n');
  });

  it("bring back a file's modification time, which aws s3 sync compares", async () => {
    const { shell } = await roundTrip('echo old > old.txt && touch -d 2020-01-02T03:04:05Z old.txt');
    expect((await shell.fs.stat('/home/learner/old.txt')).mtime.toISOString()).toBe('2020-01-02T03:04:05.000Z');
  });

  it('bring back symbolic links', async () => {
    const { shell } = await roundTrip('echo t > target.txt && ln -s target.txt link.txt');
    expect((await shell.run('cat link.txt')).stdout).toBe('t\n');
  });

  it('leave out the devices and /proc every shell makes itself', async () => {
    const { saved } = await roundTrip('true');
    expect(saved.map((entry) => entry.path).filter((path) => /^\/(dev|proc)/.test(path))).toEqual([]);
  });
});
