import { cliName } from './cli-name';
import type { CommandClass, OperationModel, SdkClient, ServiceModel } from './service-model';

/** What an SDK `waitFor…` function resolves to. */
export interface WaiterResult {
  state: 'SUCCESS' | 'FAILURE' | 'RETRY' | 'TIMEOUT' | 'ABORTED';
  reason?: unknown;
}

/** An SDK v3 waiter: `waitForStackCreateComplete({ client, maxWaitTime }, input)`. */
export type WaitFunction = (
  config: {
    client: SdkClient;
    maxWaitTime: number;
    minDelay?: number;
    maxDelay?: number;
    abortController?: AbortController;
  },
  input: object,
) => Promise<WaiterResult>;

/** A waiter as `aws <service> wait` offers it. */
export interface WaiterModel {
  /** The SDK's name: `StackCreateComplete`. */
  name: string;
  /** The CLI's name: `stack-create-complete`. */
  cliName: string;
  wait: WaitFunction;
}

/** The service's waiters by CLI name, from its SDK package's `waitFor…` exports. */
export function waitersOf(model: ServiceModel): Map<string, WaiterModel> {
  return new Map(
    Object.keys(model.sdk)
      .filter((key) => key.startsWith('waitFor') && typeof model.sdk[key] === 'function')
      .map((key) => {
        const name = key.slice('waitFor'.length);
        return [cliName(name), { name, cliName: cliName(name), wait: model.sdk[key] as WaitFunction }];
      }),
  );
}

/**
 * The operation a waiter polls, learned by starting it against a stand-in client that notes the command it is sent
 * and aborts the wait at once.
 */
export async function polledOperation(waiter: WaiterModel, model: ServiceModel): Promise<OperationModel | undefined> {
  const abortController = new AbortController();
  let sent: CommandClass | undefined;
  const probe = Object.create(model.Client.prototype) as SdkClient;
  probe.send = async (command) => {
    sent = command.constructor as CommandClass;
    abortController.abort();
    throw new Error('probe');
  };
  await waiter.wait({ client: probe, maxWaitTime: 2, minDelay: 1, maxDelay: 1, abortController }, {});
  return [...model.operations.values()].find((operation) => operation.Command === sent);
}
