import { describe, expect, it } from 'vitest';
import { awsHarness } from '../run-aws';

describe('aws s3', () => {
  it('moves a local file up, removing it here', async () => {
    const aws = awsHarness({ files: { 'a.txt': 'hello' } });
    await aws.run('s3', 'mb', 's3://move-test-bucket');
    const run = await aws.run('s3', 'mv', 'a.txt', 's3://move-test-bucket/a.txt');
    expect(run).toEqual({ code: 0, stdout: 'move: ./a.txt to s3://move-test-bucket/a.txt\n', stderr: '' });
    expect(await aws.files.exists('a.txt')).toBe(false);
  });

  it('reports a failed upload and exits 1', async () => {
    const aws = awsHarness({ files: { 'a.txt': 'hello' } });
    const run = await aws.run('s3', 'cp', 'a.txt', 's3://no-bucket-for-this/a.txt');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'upload failed: ./a.txt to s3://no-bucket-for-this/a.txt An error occurred (NoSuchBucket) when calling the ' +
        'PutObject operation: The specified bucket does not exist\n',
    );
  });

  it('downloads into a directory under the object’s name', async () => {
    const aws = awsHarness({ files: { 'a.txt': 'hello', 'out/keep': '' } });
    await aws.run('s3', 'mb', 's3://download-test-bucket');
    await aws.run('s3', 'cp', 'a.txt', 's3://download-test-bucket/docs/a.txt');
    const run = await aws.run('s3', 'cp', 's3://download-test-bucket/docs/a.txt', 'out/');
    expect(run.stdout).toBe('download: s3://download-test-bucket/docs/a.txt to out/a.txt\n');
    expect(await aws.files.readText('out/a.txt')).toBe('hello');
  });

  it('keeps the result lines back with --only-show-errors, errors still shown', async () => {
    const aws = awsHarness({ files: { 'a.txt': 'hello' } });
    await aws.run('s3', 'mb', 's3://quiet-test-bucket');
    expect(await aws.run('s3', 'cp', 'a.txt', 's3://quiet-test-bucket/a.txt', '--only-show-errors')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    const failed = await aws.run('s3', 'cp', 'a.txt', 's3://no-bucket-for-this/a.txt', '--only-show-errors');
    expect(failed.stderr).toContain('upload failed: ./a.txt');
  });

  it('copies an object from one bucket to another', async () => {
    const aws = awsHarness({ files: { 'a.txt': 'hello' } });
    await aws.run('s3', 'mb', 's3://copy-from-bucket');
    await aws.run('s3', 'mb', 's3://copy-to-bucket');
    await aws.run('s3', 'cp', 'a.txt', 's3://copy-from-bucket/a.txt');
    const run = await aws.run('s3', 'cp', 's3://copy-from-bucket/a.txt', 's3://copy-to-bucket/b.txt');
    expect(run).toEqual({
      code: 0,
      stdout: 'copy: s3://copy-from-bucket/a.txt to s3://copy-to-bucket/b.txt\n',
      stderr: '',
    });
    await aws.run('s3', 'cp', 's3://copy-to-bucket/b.txt', 'b.txt');
    expect(await aws.files.readText('b.txt')).toBe('hello');
  });

  it('moves an object from one bucket to another, removing it from the first', async () => {
    const aws = awsHarness({ files: { 'a.txt': 'hello' } });
    await aws.run('s3', 'mb', 's3://move-from-bucket');
    await aws.run('s3', 'mb', 's3://move-to-bucket');
    await aws.run('s3', 'cp', 'a.txt', 's3://move-from-bucket/a.txt');
    const run = await aws.run('s3', 'mv', 's3://move-from-bucket/a.txt', 's3://move-to-bucket/a.txt');
    expect(run).toEqual({
      code: 0,
      stdout: 'move: s3://move-from-bucket/a.txt to s3://move-to-bucket/a.txt\n',
      stderr: '',
    });
    expect((await aws.run('s3', 'ls', 's3://move-from-bucket')).stdout).toBe('');
    expect((await aws.run('s3', 'ls', 's3://move-to-bucket')).stdout).toContain('a.txt');
  });

  it('refuses the ls options it does not implement rather than ignoring them', async () => {
    const run = await awsHarness().run('s3', 'ls', '--human-readable');
    expect(run).toMatchObject({ code: 252 });
    expect(run.stderr).toContain('Unknown options: --human-readable');
  });
});

describe('aws s3 ls of what is not there', () => {
  it('exits 1 without a word for a prefix with nothing under it', async () => {
    const aws = awsHarness();
    await aws.run('s3', 'mb', 's3://ls-empty-bucket');
    expect(await aws.run('s3', 'ls', 's3://ls-empty-bucket/nothing/')).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  it('exits 0 for an empty bucket', async () => {
    const aws = awsHarness();
    await aws.run('s3', 'mb', 's3://ls-empty-bucket');
    expect(await aws.run('s3', 'ls', 's3://ls-empty-bucket')).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
