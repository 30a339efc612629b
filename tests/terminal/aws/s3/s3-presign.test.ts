import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../../src/emulator/sandbox';
import { createLabShell } from '../../../../src/terminal/shell';

describe('aws s3 presign', () => {
  it('makes a URL that fetches the object, as S3 answers a URL the CLI presigned', async () => {
    const shell = createLabShell({ sandbox: createSandbox() });
    await shell.run('aws s3 mb s3://presign-check && echo hello > a.txt && aws s3 cp a.txt s3://presign-check/a.txt');
    expect(await shell.run('curl -s "$(aws s3 presign s3://presign-check/a.txt)"')).toMatchObject({
      exitCode: 0,
      stdout: 'hello\n',
    });
  });

  it('leaves the payload hash out of the URL, as botocore does', async () => {
    const shell = createLabShell({ sandbox: createSandbox() });
    const { stdout } = await shell.run('aws s3 presign s3://presign-check/a.txt');
    expect(stdout).toMatch(/^https:\/\/presign-check\.s3\.us-west-2\.amazonaws\.com\/a\.txt\?X-Amz-Algorithm=/);
    expect(stdout).not.toMatch(/content-sha256/i);
    expect(stdout).toMatch(/X-Amz-SignedHeaders=host&/);
  });
});
