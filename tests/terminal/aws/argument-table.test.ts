import { describe, expect, it } from 'vitest';
import { argumentTable } from '../../../src/terminal/aws/argument-table';
import { loadServiceModel } from '../../../src/terminal/aws/service-model';

async function table(service: string, operation: string) {
  const model = await loadServiceModel(service)!;
  return argumentTable(service, model.operations.get(operation)!);
}

describe('argumentTable', () => {
  it('names each input member in kebab case', async () => {
    expect([...(await table('ec2', 'describe-vpcs')).keys()]).toEqual(
      expect.arrayContaining(['filters', 'vpc-ids', 'dry-run', 'no-dry-run']),
    );
  });

  it('gives every boolean a --no- twin that sets false', async () => {
    expect((await table('ec2', 'describe-vpcs')).get('no-dry-run')).toMatchObject({ arity: 'flag', flagValue: false });
  });

  it('marks the schema’s required members as required', async () => {
    const arguments_ = await table('ec2', 'create-security-group');
    expect(arguments_.get('group-name')?.required).toBe(true);
    expect(arguments_.get('vpc-id')?.required).toBe(false);
  });

  it('adds the paging arguments to operations that page', async () => {
    expect((await table('ec2', 'describe-vpcs')).has('max-items')).toBe(true);
    expect((await table('ec2', 'create-vpc')).has('max-items')).toBe(false);
  });

  it('applies the CLI rename table: ec2’s --no-egress is --ingress', async () => {
    const arguments_ = await table('ec2', 'create-network-acl-entry');
    expect(arguments_.has('ingress')).toBe(true);
    expect(arguments_.has('no-egress')).toBe(false);
  });

  it('replaces run-instances’ min and max count with --count', async () => {
    const arguments_ = await table('ec2', 'run-instances');
    expect(arguments_.has('count')).toBe(true);
    expect(arguments_.has('min-count')).toBe(false);
  });

  it('takes s3api get-object’s output file as a required positional', async () => {
    expect((await table('s3api', 'get-object')).get('outfile')).toMatchObject({ positional: true, required: true });
  });

  it('renames a member that would clash with a global option: rekognition’s Output', async () => {
    const arguments_ = await table('rekognition', 'create-stream-processor');
    expect(arguments_.has('stream-processor-output')).toBe(true);
    expect(arguments_.has('output')).toBe(false);
  });
});
