import { GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { errorOf } from './error-of';
import { clientsFor, useSandbox } from './sandbox-clients';

useSandbox();

const amazonLinux = '/aws/service/ami-amazon-linux-latest';

describe('SSM GetParametersByPath in the sandbox', () => {
  it('lists the latest Amazon Linux image parameters under their path', async () => {
    const { ssm } = clientsFor();
    const answer = await ssm.send(new GetParametersByPathCommand({ Path: amazonLinux }));
    const names = answer.Parameters!.map((p) => p.Name);
    expect(names).toContain(`${amazonLinux}/al2023-ami-kernel-default-x86_64`);
    expect(names).toContain(`${amazonLinux}/amzn2-ami-hvm-arm64-gp2`);
    expect(answer.Parameters![0]!.Value).toMatch(/^ami-0[0-9a-f]{16}$/);
  });

  it('gives the public image parameters the text data type, as AWS does', async () => {
    const { ssm } = clientsFor();
    const answer = await ssm.send(new GetParametersByPathCommand({ Path: amazonLinux }));
    expect(new Set(answer.Parameters!.map((p) => p.DataType))).toEqual(new Set(['text']));
  });

  it('lists nothing one level up unless asked to recurse', async () => {
    const { ssm } = clientsFor();
    expect((await ssm.send(new GetParametersByPathCommand({ Path: '/aws/service' }))).Parameters).toEqual([]);
    const recursive = await ssm.send(new GetParametersByPathCommand({ Path: '/aws/service/', Recursive: true }));
    expect(recursive.Parameters!.length).toBeGreaterThan(0);
  });

  it('pages with MaxResults and NextToken until every parameter has come back once', async () => {
    const { ssm } = clientsFor();
    const all = (await ssm.send(new GetParametersByPathCommand({ Path: amazonLinux }))).Parameters!.map((p) => p.Name);
    const paged: (string | undefined)[] = [];
    let token: string | undefined;
    do {
      const page = await ssm.send(
        new GetParametersByPathCommand({ Path: amazonLinux, MaxResults: 3, NextToken: token }),
      );
      expect(page.Parameters!.length).toBeLessThanOrEqual(3);
      paged.push(...page.Parameters!.map((p) => p.Name));
      token = page.NextToken;
    } while (token);
    expect(paged).toEqual(all);
  });

  it('refuses a page larger than 10', async () => {
    const call = clientsFor().ssm.send(new GetParametersByPathCommand({ Path: amazonLinux, MaxResults: 11 }));
    expect(await errorOf(call)).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("Value '11' at 'maxResults' failed to satisfy constraint"),
      status: 400,
    });
  });

  it('refuses a path that does not start with a slash', async () => {
    const call = clientsFor().ssm.send(new GetParametersByPathCommand({ Path: 'aws/service' }));
    expect(await errorOf(call)).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('The parameter name must begin with a forward slash "/".'),
    });
  });

  it('refuses a token it did not give', async () => {
    const call = clientsFor().ssm.send(new GetParametersByPathCommand({ Path: amazonLinux, NextToken: 'made-up' }));
    expect((await errorOf(call)).name).toBe('InvalidNextToken');
  });
});
