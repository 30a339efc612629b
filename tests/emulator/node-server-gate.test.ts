import { connect } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEmulatorCommand } from '../../src/cli/emulator-command';
import type { CliIo } from '../../src/cli/io';
import { sandboxRootKey } from '../../src/emulator/state';
import { clientsFor } from './sandbox-clients';

const quietIo: CliIo = { stdout: () => {}, stderr: () => {}, env: {}, cwd: process.cwd() };
const mib = 1024 * 1024;

/** What came back on a raw connection: the status line's code, the head, the body, and whether it was closed. */
interface RawAnswer {
  status: number;
  head: string;
  body: string;
  closed: boolean;
}

/**
 * Sends `head` on a raw socket, then `bodyBytes` of body (chunked when the head says so) without ever ending it,
 * and resolves with whatever came back by the time the server closed the connection or `waitMs` passed.
 */
function rawExchange(port: number, head: string, bodyBytes = 0, waitMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let closed = false;
    const finish = () => {
      socket.destroy();
      const [top = '', body = ''] = received.split('\r\n\r\n', 2);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(top)?.[1] ?? 0), head: top, body, closed });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (data) => {
      received += data.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      finish();
    });
    const chunked = /transfer-encoding: chunked/i.test(head);
    const piece = Buffer.alloc(mib, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < bodyBytes && !socket.destroyed) {
        const frame = chunked
          ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
          : piece;
        sent += piece.length;
        if (!socket.write(frame)) return void socket.once('drain', pump);
      }
    };
    socket.write(head.replace(/\n/g, '\r\n'), pump);
  });
}

/** A query-signed GET, as a page could put in an `<img src>`: IAM CreateUser with the sandbox's public root key. */
async function presignedCreateUser(port: number, userName: string): Promise<string> {
  const signer = new SignatureV4({ service: 'iam', region: 'us-east-1', credentials: sandboxRootKey, sha256: Sha256 });
  const signed = await signer.presign({
    method: 'GET',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: '/',
    query: { Action: 'CreateUser', UserName: userName, Version: '2010-05-08' },
    headers: { host: `127.0.0.1:${port}` },
  });
  return `/?${new URLSearchParams(signed.query as Record<string, string>).toString()}`;
}

let emulator: NonNullable<Awaited<ReturnType<typeof runEmulatorCommand>>>;
let port: number;
beforeAll(async () => {
  emulator = (await runEmulatorCommand(['--port', '0', '--memory'], quietIo))!;
  port = Number(new URL(emulator.url).port);
});
afterAll(async () => {
  await emulator.stop();
});

const userNames = async () =>
  (
    (await clientsFor(sandboxRootKey, 'us-east-1', { endpoint: emulator.url }).iam.send(new ListUsersCommand({})))
      .Users ?? []
  ).map((user) => user.UserName);

describe('who the emulator endpoint answers', () => {
  it('refuses a name that resolves here but is not its own, as a DNS-rebound page sends, with AccessDenied', async () => {
    const answer = await rawExchange(port, `GET / HTTP/1.1\nHost: evil.test:${port}\n\n`, 0, 300);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('<Code>AccessDenied</Code>');
    expect(answer.body).toContain(`not evil.test:${port}`);
  });

  it("refuses a query-signed GET from another port's page, as an <img> sends it, and creates no user", async () => {
    const target = await presignedCreateUser(port, 'from-img');
    const answer = await rawExchange(
      port,
      `GET ${target} HTTP/1.1\nHost: 127.0.0.1:${port}\nSec-Fetch-Site: same-site\nSec-Fetch-Dest: image\n\n`,
      0,
      300,
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('<Code>AccessDenied</Code>');
    expect(await userNames()).not.toContain('from-img');
  });

  it("serves the same GET from the course's own page, which its Referer names", async () => {
    const target = await presignedCreateUser(port, 'from-course');
    const answer = await rawExchange(
      port,
      `GET ${target} HTTP/1.1\nHost: 127.0.0.1:${port}\nSec-Fetch-Site: same-site\nReferer: http://127.0.0.1:4321/\n\n`,
      0,
      300,
    );
    expect(answer.status).toBe(200);
    expect(await userNames()).toContain('from-course');
  });

  it('takes the origins it lets in from --allow-origin, instead of the defaults', async () => {
    const custom = (await runEmulatorCommand(
      ['--port', '0', '--memory', '--allow-origin', 'http://127.0.0.1:8080'],
      quietIo,
    ))!;
    try {
      const from = (origin: string) => fetch(`${custom.url}/`, { headers: { origin } }).then((r) => r.text());
      expect(await from('http://127.0.0.1:8080')).toContain('<Code>AccessDenied</Code><Message>Access Denied');
      expect(await from('http://127.0.0.1:4321')).toContain('Pages from http://127.0.0.1:4321 may not use');
    } finally {
      await custom.stop();
    }
  });

  it('refuses an --allow-origin that is not a web origin', async () => {
    await expect(runEmulatorCommand(['--allow-origin', 'evil'], quietIo)).rejects.toThrow(/--allow-origin takes/);
  });
});

describe("the emulator endpoint's answers to malformed requests", () => {
  it("answers TRACE with S3's MethodNotAllowed", async () => {
    const answer = await rawExchange(port, `TRACE / HTTP/1.1\nHost: 127.0.0.1:${port}\n\n`, 0, 300);
    expect(answer.status).toBe(405);
    expect(answer.body).toContain('<Code>MethodNotAllowed</Code>');
  });

  it('answers the request target * with InvalidURI', async () => {
    const answer = await rawExchange(port, `OPTIONS * HTTP/1.1\nHost: 127.0.0.1:${port}\n\n`, 0, 300);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>InvalidURI</Code>');
  });

  it('answers an empty Host with an AWS-shaped 400', async () => {
    const answer = await rawExchange(port, 'GET / HTTP/1.1\nHost: \n\n', 0, 300);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>InvalidArgument</Code><Message>The request has no valid Host header.');
  });

  it('answers a request without a Host with an AWS-shaped 400', async () => {
    const answer = await rawExchange(port, 'GET / HTTP/1.1\n\n', 0, 300);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>InvalidArgument</Code>');
  });

  it('keeps an ordinary connection open for the next request', async () => {
    const answer = await rawExchange(port, `GET / HTTP/1.1\nHost: 127.0.0.1:${port}\n\n`, 0, 300);
    expect(answer.status).toBe(403);
    expect(answer.head).toMatch(/connection: keep-alive/i);
    expect(answer.closed).toBe(false);
  });
});

describe('how the emulator endpoint writes its answers', () => {
  it("sends an answer's length with it rather than chunking the body", async () => {
    const answer = await rawExchange(port, `GET / HTTP/1.1\nHost: 127.0.0.1:${port}\n\n`, 0, 300);
    expect(answer.head).not.toMatch(/transfer-encoding/i);
    expect(answer.head).toMatch(new RegExp(`content-length: ${answer.body.length}\\r?$`, 'im'));
  });
});

describe('how much of a body the emulator endpoint reads', () => {
  it("answers a Content-Length past 32 MiB with S3's EntityTooLarge before the body is sent, and closes", async () => {
    const answer = await rawExchange(
      port,
      `PUT /photos/big.bin HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Length: ${1024 * mib}\n\n`,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>EntityTooLarge</Code>');
    expect(answer.head).toMatch(/connection: close/i);
    expect(answer.closed).toBe(true);
  });

  it('answers a chunked body with EntityTooLarge once it passes 32 MiB, without waiting for its end', async () => {
    const answer = await rawExchange(
      port,
      `PUT /photos/big.bin HTTP/1.1\nHost: 127.0.0.1:${port}\nTransfer-Encoding: chunked\n\n`,
      40 * mib,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>EntityTooLarge</Code>');
    expect(answer.closed).toBe(true);
  });

  it('answers 100-continue with EntityTooLarge instead of asking for a body past the limit', async () => {
    const answer = await rawExchange(
      port,
      `PUT /photos/big.bin HTTP/1.1\nHost: 127.0.0.1:${port}\nContent-Length: ${64 * mib}\nExpect: 100-continue\n\n`,
      0,
      300,
    );
    expect(answer.head).toMatch(/^HTTP\/1\.1 400/);
  });

  it('answers other services past the limit with 413 in their own shape', async () => {
    const answer = await rawExchange(
      port,
      `POST / HTTP/1.1\nHost: 127.0.0.1:${port}\nX-Amz-Target: AmazonSSM.GetParameter\nTransfer-Encoding: chunked\n\n`,
      40 * mib,
    );
    expect(answer.status).toBe(413);
    expect(answer.head).toMatch(/content-type: application\/x-amz-json-1\.1/i);
    expect(answer.body).toContain('RequestEntityTooLarge');
  });
});
