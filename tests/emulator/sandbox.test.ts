import { CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRequestHandler } from '../../src/emulator/sdk-handler';
import { clientsFor } from './sandbox-clients';
import { errorOf } from './error-of';

/** A promise and the function that resolves it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('the sandbox and its listeners', () => {
  it('answers a change only once the promise a listener returned has settled', async () => {
    const sandbox = createSandbox();
    const saved = deferred();
    sandbox.subscribe(() => saved.promise);
    const { iam } = clientsFor(undefined, 'us-east-1', { requestHandler: sandboxRequestHandler(sandbox) });
    let answered = false;
    const creating = iam.send(new CreateUserCommand({ UserName: 'ana' })).then(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    saved.resolve();
    await creating;
    expect(answered).toBe(true);
  });

  it('answers a read without waiting for listeners', async () => {
    const sandbox = createSandbox();
    sandbox.subscribe(() => new Promise<void>(() => {}));
    const { iam } = clientsFor(undefined, 'us-east-1', { requestHandler: sandboxRequestHandler(sandbox) });
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
  });

  it("answers InternalError when a listener's save fails, not success", async () => {
    const sandbox = createSandbox();
    sandbox.subscribe(() => Promise.reject(new Error('disk full')));
    const { iam } = clientsFor(undefined, 'us-east-1', { requestHandler: sandboxRequestHandler(sandbox) });
    const error = await errorOf(iam.send(new CreateUserCommand({ UserName: 'ana' })));
    expect(error).toMatchObject({ name: 'InternalError', status: 500 });
  });

  it('resolves reset and replaceState once listeners have settled', async () => {
    const sandbox = createSandbox();
    const saved = deferred();
    sandbox.subscribe(() => saved.promise);
    let reset = false;
    const resetting = sandbox.reset().then(() => {
      reset = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reset).toBe(false);
    saved.resolve();
    await resetting;
    expect(reset).toBe(true);
  });

  it('hands an update made outside a request to its listeners, once the change is made', async () => {
    const sandbox = createSandbox();
    const seen: string[][] = [];
    sandbox.subscribe((state) => {
      seen.push(Object.values(state.accounts).flatMap((account) => account.iam.roleDeletionTaskIds ?? []));
    });
    await sandbox.update((state) => {
      for (const account of Object.values(state.accounts)) account.iam.roleDeletionTaskIds = ['task-1'];
    });
    expect(seen).toEqual([['task-1']]);
  });
});
