import type { AwsContext } from './aws-context';
import { type CliError, exitCodes, invalidChoice, isCliError, renderCliError, usageError } from './cli-error';
import { splitCommandLine } from './command-line';
import { runConfigure } from './configure/configure-command';
import { operationHelp, serviceHelp, topHelp } from './help';
import { outsideTheSandboxError } from './outside-the-sandbox';
import { runOperation } from './run-operation';
import { runS3 } from './s3/s3-command';
import { runWait } from './run-wait';
import { loadServiceModel } from './service-model';
import { awsServices } from './services';

/** What `aws --version` says: a CLI v2 in the course's terminal, on the AWS SDK for JavaScript. */
export const awsVersion = 'aws-cli/2 (the course terminal, on the AWS SDK for JavaScript v3) prompt/off';

async function dispatch(context: AwsContext): Promise<string | CliError> {
  const line = splitCommandLine(context.argv);
  if (isCliError(line)) return line;
  if (line.options.version) return `${awsVersion}\n`;
  const [service, operationName, ...more] = line.words;
  if (service === undefined) return usageError('aws: error: the following arguments are required: command');
  if (service === 'help') return topHelp();
  const outside = outsideTheSandboxError(line.words);
  if (outside) return outside;
  if (service === 's3') return runS3([...line.words.slice(1), ...line.rest], line.options, context);
  if (service === 'configure') return runConfigure([...line.words.slice(1), ...line.rest], line.options, context);
  const model = await loadServiceModel(service);
  if (!model) return invalidChoice('command', Object.keys(awsServices), service);
  if (operationName === undefined) return usageError('aws: error: the following arguments are required: operation');
  if (operationName === 'help') return serviceHelp(model);
  if (operationName === 'wait') return runWait(model, [...more, ...line.rest], line.options, context);
  const operation = model.operations.get(operationName);
  if (!operation) return invalidChoice('operation', [...model.operations.keys(), 'help', 'wait'].sort(), operationName);
  if (more[0] === 'help') return operationHelp(model, operation);
  return runOperation(model, operation, [...more, ...line.rest], line.options, context);
}

/**
 * `aws`, the AWS CLI v2 as a plain function: runs one command line against the request handler, writes what the
 * real CLI would print to `stdout`/`stderr`, and returns its exit code (0, or 252–255 as the CLI's are).
 *
 * @example
 * const code = await runAws({ argv: ['ec2', 'describe-vpcs'], env, files, stdout, stderr, requestHandler });
 */
export async function runAws(context: AwsContext): Promise<number> {
  const result = await dispatch(context);
  if (isCliError(result)) {
    if (result.stdout) context.stdout(result.stdout);
    context.stderr(renderCliError(result));
    return result.exitCode;
  }
  context.stdout(result);
  return exitCodes.ok;
}

/** What one `aws` command printed, and its exit code. */
export interface AwsOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** {@link runAws}, with what it prints collected rather than streamed: for a shell command, or a test. */
export async function runAwsCaptured(context: Omit<AwsContext, 'stdout' | 'stderr'>): Promise<AwsOutput> {
  let stdout = '';
  let stderr = '';
  const exitCode = await runAws({
    ...context,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { exitCode, stdout, stderr };
}
