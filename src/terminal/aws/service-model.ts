import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticSchema } from '@smithy/types';
import { cliName } from './cli-name';
import { awsServices, type SdkModule } from './services';

/** An SDK v3 command class: `new DescribeVpcsCommand(input)`. */
export type CommandClass = new (input: object) => { readonly input: object };

/** The part of an SDK v3 client `aws` uses. */
export interface SdkClient {
  send(command: object): Promise<Record<string, unknown>>;
  destroy(): void;
}

/** An SDK v3 client class. */
export type ClientClass = new (config: object) => SdkClient;

/** An SDK v3 paginator: `paginateDescribeVpcs({ client }, input)`. */
export type Paginator = (
  config: { client: SdkClient; pageSize?: number; startingToken?: unknown },
  input: object,
) => AsyncIterable<Record<string, unknown>>;

/** One operation as `aws` offers it. */
export interface OperationModel {
  /** The API's name: `DescribeVpcs`. */
  name: string;
  /** The CLI's name: `describe-vpcs`. */
  cliName: string;
  Command: CommandClass;
  /** The input structure's schema, with the number of its required members (they come first in the schema). */
  input(): { schema: NormalizedSchema; requiredCount: number };
  /** The output structure's schema. */
  output(): NormalizedSchema;
  /** The SDK's paginator for it, when the operation pages. */
  paginator?: Paginator;
}

/** One service's operations by CLI name, its client class and its SDK package. */
export interface ServiceModel {
  cliName: string;
  Client: ClientClass;
  sdk: SdkModule;
  operations: Map<string, OperationModel>;
}

/**
 * The static operation schema an SDK v3 command carries: `[9, namespace, name, traits, input, output]`
 * (tests/terminal/aws/sdk-contract.test.ts holds the SDK to it).
 */
type OperationTuple = [9, string, string, unknown, StaticSchema, StaticSchema];

function operationTuple(Command: CommandClass): OperationTuple {
  return (new Command({}) as unknown as { schema: OperationTuple }).schema;
}

/** The input schema of a command class, read from a throwaway instance. */
export function commandInput(Command: CommandClass): { schema: NormalizedSchema; requiredCount: number } {
  const schema = NormalizedSchema.of(operationTuple(Command)[4]);
  const struct = schema.getSchema() as unknown as unknown[];
  return { schema, requiredCount: typeof struct[6] === 'number' ? struct[6] : 0 };
}

function operationOf(sdk: SdkModule, exportName: string): OperationModel {
  const name = exportName.slice(0, -'Command'.length);
  const Command = sdk[exportName] as CommandClass;
  let input: ReturnType<OperationModel['input']> | undefined;
  return {
    name,
    cliName: cliName(name),
    Command,
    input: () => {
      input ??= commandInput(Command);
      return input;
    },
    output: () => NormalizedSchema.of(operationTuple(Command)[5]),
    paginator: sdk[`paginate${name}`] as Paginator | undefined,
  };
}

const loaded = new Map<string, Promise<ServiceModel>>();

/** A service's model, built from its SDK package the first time it is asked for; `undefined` for an unknown one. */
export function loadServiceModel(service: string): Promise<ServiceModel> | undefined {
  const entry = Object.hasOwn(awsServices, service) ? awsServices[service] : undefined;
  if (!entry) return undefined;
  let model = loaded.get(service);
  if (!model) {
    model = entry.load().then((sdk) => ({
      cliName: service,
      Client: sdk[entry.clientName] as ClientClass,
      sdk,
      operations: new Map(
        Object.keys(sdk)
          .filter((key) => /^[A-Z]\w*Command$/.test(key) && typeof sdk[key] === 'function')
          .map((key) => {
            const operation = operationOf(sdk, key);
            return [operation.cliName, operation];
          }),
      ),
    }));
    loaded.set(service, model);
  }
  return model;
}
