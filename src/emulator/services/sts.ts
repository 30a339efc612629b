import { queryEndpoint } from '../endpoint';
import type { QueryService } from '../protocols/query';

/** STS: who is calling. `GetCallerIdentity` needs no permission, as on AWS. */
export const stsService: QueryService = {
  signingName: 'sts',
  actionPrefix: 'sts',
  dialect: { style: 'aws-query', namespace: 'https://sts.amazonaws.com/doc/2011-06-15/', version: '2011-06-15' },
  operations: {
    GetCallerIdentity: {
      alwaysAllowed: true,
      run(_params, ctx) {
        const caller = ctx.caller!;
        return { Arn: caller.arn, UserId: caller.userId, Account: caller.accountId };
      },
    },
  },
};

export const stsEndpoint = queryEndpoint(stsService);
