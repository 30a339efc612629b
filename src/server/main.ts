// The entry point of `npm start`, bundled by the build into `dist/serve.mjs` beside Astro's `server/` and `client/`
// folders: serves that build on 127.0.0.1:4321, or on HOST and PORT when they are set.
import { fileURLToPath } from 'node:url';
import { type AstroNodeHandler, createCourseServer } from './course-server';

interface AstroNodeEntry {
  handler: AstroNodeHandler;
  options: { host: string | boolean; port: number };
}

const entry: AstroNodeEntry = await import(new URL('./server/entry.mjs', import.meta.url).href);
const root = fileURLToPath(new URL('./client', import.meta.url));
// Loopback by default: live mode's endpoint runs checks with the learner's AWS credentials.
const host = process.env.HOST ?? (typeof entry.options.host === 'string' ? entry.options.host : '127.0.0.1');
const port = Number(process.env.PORT ?? entry.options.port);

const server = createCourseServer({ root, astroHandler: entry.handler, listenHost: host });
server.on('error', (error: NodeJS.ErrnoException) => {
  const hint =
    error.code === 'EADDRINUSE' ? ` Stop what is using it, or choose another port: PORT=${port + 1} npm start` : '';
  console.error(`The course server could not listen on ${host}:${port}: ${error.message}.${hint}`);
  process.exitCode = 1;
});
server.listen(port, host, () => {
  console.log(`The course is at http://${host.includes(':') ? `[${host}]` : host}:${port}/ (Ctrl+C stops it)`);
});
