import { maskKeys } from '../../checkers/aws-errors';
import { main } from './main';
import { errorMessage } from '../lib/error-message';

// The bundled `awscourse` binary: real process streams, environment and signals (a running emulator saves and stops
// on Ctrl+C). A bug still ends with a one-line message,
// never a stack trace (which could carry request details).
try {
  const code = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTty: process.stdout.isTTY === true,
    reportWorker: new URL('./report-worker.mjs', import.meta.url),
    onStop: (stop) => {
      const stopThenExit = () => {
        void stop().then(() => process.exit(0));
      };
      process.once('SIGINT', stopThenExit);
      process.once('SIGTERM', stopThenExit);
    },
  });
  if (code !== 0) process.exitCode = code;
} catch (error) {
  const message = maskKeys(errorMessage(error)).split('\n')[0];
  process.stderr.write(
    `awscourse: an unexpected error stopped the command: ${message}\nPlease report it, with the command you ran.\n`,
  );
  process.exitCode = 2;
}
