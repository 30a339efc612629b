import { CreateSecurityGroupCommand, DescribeVpcsCommand, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { commandInput } from '../../../src/terminal/aws/service-model';

/**
 * The parts of the SDK's static schemas `aws` reads. An SDK upgrade that changes them fails here first, before the
 * terminal's `aws` silently loses its parameters.
 */
describe('the SDK v3 schema contract aws relies on', () => {
  it('gives each command an operation tuple [9, namespace, name, traits, input, output]', () => {
    const schema = (new DescribeVpcsCommand({}) as unknown as { schema: unknown[] }).schema;
    expect(schema.slice(0, 3)).toEqual([9, 'com.amazonaws.ec2', 'DescribeVpcs']);
    expect(typeof schema[4]).toBe('function');
    expect(typeof schema[5]).toBe('function');
  });

  it('lists required members first, with their count as the structure tuple’s seventh element', () => {
    const { schema, requiredCount } = commandInput(CreateSecurityGroupCommand as never);
    expect(requiredCount).toBe(2);
    expect(Object.keys(schema.getMemberSchemas()).slice(0, 2)).toEqual(['Description', 'GroupName']);
  });

  it('reads member kinds and wire names through NormalizedSchema', () => {
    const { schema } = commandInput(DescribeVpcsCommand as never);
    const members = schema.getMemberSchemas();
    expect(members.Filters?.isListSchema()).toBe(true);
    expect(members.Filters?.getValueSchema().isStructSchema()).toBe(true);
    expect(members.DryRun?.isBooleanSchema()).toBe(true);
    expect(members.MaxResults?.isNumericSchema()).toBe(true);
  });

  it('exports a paginator per paging operation, named paginate<Operation>', () => {
    expect(typeof paginateDescribeVpcs).toBe('function');
  });
});
