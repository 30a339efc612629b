import { describe, expect, it } from 'vitest';
import { awsHarness } from '../run-aws';

/** A harness with a bucket and two photos in `photos/`, as the real CLI's runs were recorded with. */
async function withPhotos() {
  const aws = awsHarness({ files: { 'photos/a.jpg': 'a\n', 'photos/sub/b.txt': 'bb\n' } });
  await aws.run('s3', 'mb', 's3://syncb');
  return aws;
}

describe('aws s3 sync', () => {
  it('uploads every file the first time, in path order, printing what the CLI prints', async () => {
    const aws = await withPhotos();
    expect(await aws.run('s3', 'sync', 'photos', 's3://syncb/p')).toEqual({
      code: 0,
      stdout: 'upload: photos/a.jpg to s3://syncb/p/a.jpg\nupload: photos/sub/b.txt to s3://syncb/p/sub/b.txt\n',
      stderr: '',
    });
  });

  it('uploads nothing when nothing changed', async () => {
    const aws = await withPhotos();
    await aws.run('s3', 'sync', 'photos', 's3://syncb/p');
    expect(await aws.run('s3', 'sync', 'photos', 's3://syncb/p')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('uploads a file whose size changed', async () => {
    const aws = await withPhotos();
    await aws.run('s3', 'sync', 'photos', 's3://syncb/p');
    aws.files.files.set('photos/a.jpg', 'ccc\n');
    expect((await aws.run('s3', 'sync', 'photos', 's3://syncb/p')).stdout).toBe(
      'upload: photos/a.jpg to s3://syncb/p/a.jpg\n',
    );
  });

  it('deletes what the source no longer has with --delete', async () => {
    const aws = await withPhotos();
    await aws.run('s3', 'sync', 'photos', 's3://syncb/p');
    aws.files.files.delete('photos/sub/b.txt');
    expect((await aws.run('s3', 'sync', 'photos', 's3://syncb/p', '--delete')).stdout).toBe(
      'delete: s3://syncb/p/sub/b.txt\n',
    );
    expect((await aws.run('s3', 'ls', 's3://syncb/p/sub/')).code).toBe(1);
  });

  it('prints what it would do with --dryrun, and does nothing', async () => {
    const aws = await withPhotos();
    expect((await aws.run('s3', 'sync', 'photos', 's3://syncb/p', '--dryrun')).stdout).toBe(
      '(dryrun) upload: photos/a.jpg to s3://syncb/p/a.jpg\n(dryrun) upload: photos/sub/b.txt to s3://syncb/p/sub/b.txt\n',
    );
    expect((await aws.run('s3', 'ls', 's3://syncb/p/')).code).toBe(1);
  });

  it('downloads once: a downloaded file takes its object’s time, so the next sync finds it equal', async () => {
    const aws = await withPhotos();
    await aws.run('s3', 'sync', 'photos', 's3://syncb/p');
    expect((await aws.run('s3', 'sync', 's3://syncb/p', 'down')).stdout).toBe(
      'download: s3://syncb/p/a.jpg to down/a.jpg\ndownload: s3://syncb/p/sub/b.txt to down/sub/b.txt\n',
    );
    expect(await aws.files.readText('down/sub/b.txt')).toBe('bb\n');
    expect((await aws.run('s3', 'sync', 's3://syncb/p', 'down')).stdout).toBe('');
  });

  it('takes only the paths --exclude and --include leave, the last match deciding', async () => {
    const aws = await withPhotos();
    const run = await aws.run('s3', 'sync', 'photos', 's3://syncb/r', '--exclude', '*', '--include', '*.txt');
    expect(run.stdout).toBe('upload: photos/sub/b.txt to s3://syncb/r/sub/b.txt\n');
  });

  it('says a local source that does not exist, exit 255', async () => {
    const aws = await withPhotos();
    expect(await aws.run('s3', 'sync', 'nothere', 's3://syncb/r')).toEqual({
      code: 255,
      stdout: '',
      stderr: '\nThe user-provided path nothere does not exist.\n',
    });
  });

  it('stops with a fatal error for a bucket that does not exist, exit 1', async () => {
    const aws = await withPhotos();
    expect(await aws.run('s3', 'sync', 'photos', 's3://nobucket')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'fatal error: An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified ' +
        'bucket does not exist\n',
    });
  });

  it('refuses two local paths with its usage line, exit 252', async () => {
    const run = await (await withPhotos()).run('s3', 'sync', 'photos', 'other');
    expect(run).toEqual({
      code: 252,
      stdout: '',
      stderr:
        'usage: aws s3 sync <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>\nError: Invalid argument type\n',
    });
  });
});
