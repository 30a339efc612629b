/**
 * Where EC2 runs a dry run: a copy of the caller's account, so the operation goes every step the real call goes and
 * whatever it changes is thrown away with the copy.
 */
import type { ServiceContext } from '../context';
import type { AccountState } from '../state';
import { nameRecord, parseJsonRecords } from '../../lib/name-record';

/**
 * The context of a dry run: the request's own, over a copy of its account (made through JSON, as the state is saved,
 * so the copy's records keep their missing prototype). The copy stands in for the account in the state too.
 */
export function dryRunContext(ctx: ServiceContext): ServiceContext {
  const account = parseJsonRecords(JSON.stringify(ctx.account)) as AccountState;
  const accounts = nameRecord([...Object.entries(ctx.state.accounts), [account.accountId, account] as const]);
  return { ...ctx, account, state: { ...ctx.state, accounts } };
}
