// Peak memory of the sandbox's HTTP endpoint (`awscourse emulator`) under two oversized uploads: a 1 GiB unsigned PUT
// sent chunked and one sent with Content-Length, each streamed from memory without waiting for an answer. Reports
// the emulator's peak resident set (VmHWM from /proc/PID/status) after each, the status it answered, and how much
// of the body it let the client send before the connection closed. A bounded endpoint stays near its idle size.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort, waitFor } from '../scripts/local-servers.mjs';

const gib = 1024 ** 3;
const chunk = Buffer.alloc(1024 * 1024, 0x61);

function peakRssMib(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)[1]) / 1024;
}

/** Streams `size` bytes as the body of an unsigned PUT; resolves with the answer's status and the bytes sent. */
function upload(port, size, chunked) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    const head = [
      `PUT /bench-bucket/big-${chunked ? 'chunked' : 'length'}.bin HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`,
      '',
      '',
    ].join('\r\n');
    const finish = () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0), sent });
    socket.on('data', (data) => {
      answer += data.toString('latin1');
    });
    socket.on('error', finish);
    socket.on('close', finish);
    const pump = () => {
      while (sent < size && !socket.destroyed) {
        const frame = chunked
          ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
          : chunk;
        sent += chunk.length;
        if (!socket.write(frame)) return void socket.once('drain', pump);
      }
      if (!socket.destroyed) socket.end(chunked ? '0\r\n\r\n' : undefined);
    };
    socket.write(head, pump);
  });
}

/** Starts `awscourse emulator --memory` on a free port and resolves with its process once it answers. */
async function startEmulator(root) {
  const port = await freePort();
  const emulator = spawn(process.execPath, ['bin/awscourse.mjs', 'emulator', '--memory', '--port', String(port)], {
    cwd: root.pathname,
    stdio: 'ignore',
  });
  await waitFor(`http://127.0.0.1:${port}/`);
  return { emulator, port };
}

export async function run() {
  const root = new URL('../', import.meta.url);
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root.pathname, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`could not build the CLI: ${build.stderr}`);
  const rows = [];
  let worst = 0;
  // A fresh emulator for each upload, so the second's peak is its own.
  for (const chunked of [true, false]) {
    const { emulator, port } = await startEmulator(root);
    try {
      const idle = peakRssMib(emulator.pid);
      const started = performance.now();
      const { status, sent } = await upload(port, gib, chunked);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const peak = peakRssMib(emulator.pid);
      worst = Math.max(worst, peak);
      rows.push(
        `| 1 GiB PUT, ${chunked ? 'chunked' : 'Content-Length'} | ${status || 'none'} after ${seconds} s | ` +
          `${(sent / 1024 ** 2).toFixed(0)} MiB | ${idle.toFixed(0)} MiB | ${peak.toFixed(0)} MiB |`,
      );
    } finally {
      emulator.kill();
    }
  }
  const report = [
    `Unsigned PUTs of 1 GiB to \`awscourse emulator --memory\`, streamed by a raw socket; Node ${process.versions.node}.`,
    '',
    '| upload | answer | body sent before close | idle RSS | peak RSS (VmHWM) |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
  return { ok: worst < 512, report };
}
