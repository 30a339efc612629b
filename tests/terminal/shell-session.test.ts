import { Bash, defineCommand } from 'just-bash';
import { describe, expect, it } from 'vitest';
import { freshSession, interruptedStatus, noteInterruptions, runInSession } from '../../src/terminal/shell-session';

/** A command that runs until Ctrl-C, as a server does, having printed that it started. */
const serve = defineCommand('serve', async (_args, ctx) => {
  await new Promise((resolve) => ctx.signal?.addEventListener('abort', resolve, { once: true }));
  return { stdout: 'serving\n', stderr: '', exitCode: interruptedStatus };
});

/** A shell with `serve`, noting interruptions, and a folder to change into. */
async function shellWithServer() {
  const interruptions = noteInterruptions([serve]);
  const bash = new Bash({ cwd: '/home/learner', env: freshSession().env, customCommands: interruptions.commands });
  await bash.exec('mkdir -p /home/learner/gallery');
  return { bash, interruptions };
}

/** Runs `line` and presses Ctrl-C once the command has started. */
async function interrupt(line: string, withNotes = true) {
  const { bash, interruptions } = await shellWithServer();
  const controller = new AbortController();
  const run = runInSession(bash, freshSession(), line, controller.signal, withNotes ? interruptions.take : undefined);
  setTimeout(() => controller.abort(), 50);
  return run;
}

describe('Ctrl-C in the lab shell', () => {
  it('keeps the directory and variables set before the command it stopped, as bash does', async () => {
    const run = await interrupt('cd gallery && export PHOTOS_BUCKET=photos-1 && serve && echo never');
    expect(run.session.cwd).toBe('/home/learner/gallery');
    expect(run.session.env.PHOTOS_BUCKET).toBe('photos-1');
    expect(run.stdout).not.toContain('never');
  });

  it("ends with status 130 and without just-bash's own message", async () => {
    const run = await interrupt('serve');
    expect(run.exitCode).toBe(130);
    expect(run.session.env['?']).toBe('130');
    expect(run.stderr).toBe('');
  });

  it('keeps the session the line started from when no noting command was running', async () => {
    const run = await interrupt('cd gallery && serve', false);
    expect(run.session.cwd).toBe('/home/learner');
    expect(run.exitCode).toBe(130);
  });

  it('runs a line that was not interrupted as before', async () => {
    const { bash, interruptions } = await shellWithServer();
    const run = await runInSession(bash, freshSession(), 'cd gallery && X=2', undefined, interruptions.take);
    expect(run.session.cwd).toBe('/home/learner/gallery');
    expect(run.session.env.X).toBe('2');
    expect(run.exitCode).toBe(0);
  });
});
