import type { AwsFiles } from './files';

/** An SDK v3 request handler (`{ handle(request) }`): the sandbox's, msw's fetch handler, or Node's. */
export type RequestHandler = object;

/** What `aws` runs with: the command line and the shell's environment, files, streams and the way to AWS. */
export interface AwsContext {
  /** The words after `aws`. */
  argv: readonly string[];
  env: Record<string, string | undefined>;
  files: AwsFiles;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Sends the SDK's signed requests: to the sandbox in the page and in tests. */
  requestHandler: RequestHandler;
  /** Asks a question on the terminal and resolves with the line typed (`aws configure`); absent when none. */
  prompt?(question: string): Promise<string | undefined>;
  /**
   * The instance metadata service, on an instance: where the CLI's credential chain ends (the instance role's
   * credentials) and where it finds the region when nothing else sets one. Absent off an instance.
   */
  metadata?: typeof fetch;
  /** Columns of the terminal, for the table format (80, as the CLI uses when it is not on a terminal). */
  terminalWidth?: number;
}
