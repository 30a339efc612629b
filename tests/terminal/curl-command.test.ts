import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { pageServers } from '../../src/emulator/page-servers';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRootKey } from '../../src/emulator/state';
import { createLabShell } from '../../src/terminal/shell';

async function shellWithObject() {
  const sandbox = createSandbox();
  const shell = createLabShell({ sandbox });
  await shell.run(
    'aws s3api create-bucket --bucket photos-curl --create-bucket-configuration LocationConstraint=us-west-2',
  );
  await shell.run('echo -n "a photo" > photo.txt');
  await shell.run('aws s3api put-object --bucket photos-curl --key photo.txt --body photo.txt');
  const s3 = new S3Client({ region: 'us-west-2', credentials: sandboxRootKey });
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'photos-curl', Key: 'photo.txt' }));
  return { shell, url };
}

describe('curl in the lab shell', () => {
  it('fetches a presigned URL from the sandbox', async () => {
    const { shell, url } = await shellWithObject();
    expect(await shell.run(`curl -s '${url}'`)).toMatchObject({ exitCode: 0, stdout: 'a photo' });
  });

  it('prints the status line and headers before the body with -i', async () => {
    const { shell, url } = await shellWithObject();
    const { stdout } = await shell.run(`curl -i '${url}'`);
    expect(stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(stdout).toContain('content-length: 7\r\n');
    expect(stdout.endsWith('\r\n\r\na photo')).toBe(true);
  });

  it('writes the body to the file -o names', async () => {
    const { shell, url } = await shellWithObject();
    await shell.run(`curl -s -o copy.txt '${url}'`);
    expect((await shell.run('cat copy.txt')).stdout).toBe('a photo');
  });

  it('shows AWS refusing an unsigned request', async () => {
    const { shell } = await shellWithObject();
    const { stdout } = await shell.run('curl -si https://photos-curl.s3.us-west-2.amazonaws.com/photo.txt');
    expect(stdout).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(stdout).toContain('<Code>AccessDenied</Code>');
  });

  it('sends the method, headers and data given with -X, -H and -d', async () => {
    const sandbox = createSandbox();
    const shell = createLabShell({ sandbox });
    const { stdout } = await shell.run(
      "curl -sX POST -H 'Content-Type: application/x-amz-json-1.1' -H 'X-Amz-Target: AmazonSSM.GetParameter' " +
        `-d '{"Name":"x"}' https://ssm.us-west-2.amazonaws.com/`,
    );
    expect(stdout).toContain('MissingAuthenticationToken');
  });

  it('answers a host outside the sandbox as an offline machine does', async () => {
    const { shell } = await shellWithObject();
    expect(await shell.run('curl https://example.com/')).toMatchObject({
      exitCode: 6,
      stderr: 'curl: (6) Could not resolve host: example.com\n',
    });
  });

  it('answers an address outside the sandbox as unreachable', async () => {
    const { shell } = await shellWithObject();
    const result = await shell.run('curl http://169.254.169.254/latest/meta-data/');
    expect(result.exitCode).toBe(7);
    expect(result.stderr).toBe(
      "curl: (7) Failed to connect to 169.254.169.254 port 80 after 0 ms: Couldn't connect to server\n",
    );
  });

  it('answers localhost as a connection refused when nothing listens there, as curl does', async () => {
    const shell = createLabShell({ sandbox: createSandbox() });
    expect(await shell.run('curl http://localhost:5000/')).toMatchObject({
      exitCode: 7,
      stderr: "curl: (7) Failed to connect to localhost port 5000 after 0 ms: Couldn't connect to server\n",
    });
  });

  it('reaches a server listening in the page at localhost', async () => {
    const server = pageServers.listen(
      { host: '127.0.0.1', port: 5000 },
      async (request) => new Response(`${request.method} ${new URL(request.url).pathname}`),
    );
    if ('problem' in server) throw new Error(server.problem.message);
    try {
      const shell = createLabShell({ sandbox: createSandbox() });
      expect(await shell.run('curl -s -d a=1 http://127.0.0.1:5000/upload')).toMatchObject({
        exitCode: 0,
        stdout: 'POST /upload',
      });
    } finally {
      server.close();
    }
  });

  it('prints nothing for a failure with -s, and still fails', async () => {
    const { shell } = await shellWithObject();
    expect(await shell.run('curl -s example.com')).toMatchObject({ exitCode: 6, stderr: '' });
  });

  it('refuses an option it does not know, as curl does', async () => {
    const { shell } = await shellWithObject();
    expect(await shell.run('curl --frobnicate example.com')).toMatchObject({
      exitCode: 2,
      stderr:
        "curl: option --frobnicate: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
    });
  });
});
