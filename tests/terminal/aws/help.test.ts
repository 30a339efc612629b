import { describe, expect, it } from 'vitest';
import { awsHarness } from './run-aws';

describe('aws help', () => {
  it('lists the services and commands aws has', async () => {
    const run = await awsHarness().run('help');
    expect(run.stdout).toContain('AVAILABLE SERVICES\n\n       o cloudformation\n       o configure\n');
  });

  it('lists a service’s operations and wait', async () => {
    const run = await awsHarness().run('cloudformation', 'help');
    expect(run.stdout).toContain('       o create-stack\n');
    expect(run.stdout).toContain('       o wait\n');
  });

  it('shows an operation’s parameters, required ones bare and booleans with their --no- twin', async () => {
    const run = await awsHarness().run('ec2', 'create-security-group', 'help');
    expect(run.stdout).toContain(
      'SYNOPSIS\n            create-security-group\n          --description <value>\n          --group-name <value>\n',
    );
    expect(run.stdout).toContain('          [--dry-run | --no-dry-run]\n');
  });

  it('shows run-instances’ --count and hides the min and max it replaces', async () => {
    const run = await awsHarness().run('ec2', 'run-instances', 'help');
    expect(run.stdout).toContain('[--count <value>]');
    expect(run.stdout).not.toContain('--min-count');
  });
});
