import { describe, expect, it } from 'vitest';
import { awsHarness } from './run-aws';

describe('aws commands the sandbox cannot run', () => {
  it('answers aws sso login with what the sandbox offers instead, exit 253', async () => {
    const run = await awsHarness().run('sso', 'login', '--profile', 'my-sso-profile');
    expect(run.code).toBe(253);
    expect(run.stderr).toContain('IAM Identity Center (aws sso) signs you in through a browser to a real AWS');
    expect(run.stderr).toContain('aws configure --profile NAME');
  });

  it('answers aws configure sso the same way, rather than as an unknown subcommand', async () => {
    const run = await awsHarness().run('configure', 'sso');
    expect(run.code).toBe(253);
    expect(run.stderr).toContain('aws configure sso sets up a sign-in through IAM Identity Center');
  });

  it('leaves the other configure subcommands to aws configure', async () => {
    const run = await awsHarness().run('configure', 'get', 'region');
    expect(run.stderr).not.toContain('sandbox');
  });
});

describe('aws commands about a real account that the lessons show', () => {
  it('answers aws login as a browser sign-in the sandbox replaces, exit 253', async () => {
    const run = await awsHarness().run('login');
    expect(run.code).toBe(253);
    expect(run.stderr).toContain('aws login turns a console sign-in');
    expect(run.stderr).toContain('aws configure --profile NAME');
  });

  it.each([
    [['budgets', 'create-budget', '--account-id', '123456789012'], 'AWS Budgets'],
    [['freetier', 'get-account-plan-state'], 'The Free Tier API'],
  ])('answers aws %j with why the sandbox has no bill, and where to run it', async (words, service) => {
    const run = await awsHarness().run(...words);
    expect(run.code).toBe(253);
    expect(run.stderr).toContain(service);
    expect(run.stderr).toContain('Nothing in the sandbox is billed');
    expect(run.stderr).toContain('CloudShell');
  });
});
