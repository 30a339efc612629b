#!/usr/bin/env node
// Runs the Astro CLI (`node scripts/astro.mjs build`, `dev`, `sync`, …) the way this project wants it run, whoever
// runs it and from wherever:
// - telemetry off: the course is run by learners who never agreed to report anything to Astro;
// - `build` always builds for production. Under vitest (NODE_ENV=test) Astro would otherwise bundle Preact's
//   development JSX runtime, with absolute source paths, into the JavaScript the site ships.
// Arguments pass through to Astro unchanged, so `npm run build -- --outDir dist-e2e` works.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
if (process.argv[2] === 'build') process.env.NODE_ENV = 'production';

// Astro's own launcher reads the command from process.argv, which already reads `node <this file> <command> …`.
await import(new URL('../bin/astro.mjs', import.meta.resolve('astro')).href);
