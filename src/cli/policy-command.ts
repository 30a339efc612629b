import { checkers } from '../../checkers/index';
import { checkerPolicyDocument } from '../../checkers/policy';
import { diagramPermissions } from '../diagram/permissions';
import { type CliIo, exitCodes, UsageError } from './io';
import { policyHelp } from './policy-help';

/** `awscourse policy`: prints the least-privilege IAM policy of every checker and of the account diagram. */
export async function runPolicyCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(policyHelp);
    return exitCodes.ok;
  }
  if (args.length) throw new UsageError('"awscourse policy" takes no arguments.', policyHelp.trimEnd());
  io.stdout(checkerPolicyDocument(Object.values(checkers), diagramPermissions));
  return exitCodes.ok;
}
