import { main } from './main';

// The bundled `awscourse` binary: real process streams and environment.
const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTty: process.stdout.isTTY === true,
});
if (code !== 0) process.exitCode = code;
