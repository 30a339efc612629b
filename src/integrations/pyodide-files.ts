import { createReadStream } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { fileKindOf } from '../server/file-kind';

/**
 * Pyodide's runtime files, which the page fetches from the site's own `/pyodide/` when the learner first runs
 * `python3` (src/terminal/python/python-runtime.ts): never from a CDN, so the terminal's Python works offline.
 */
export const pyodideFiles = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

/** The folder of the installed `pyodide` package. */
const pyodideFolder = () => dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));

/**
 * Pyodide's loader imports Node's modules (`import("node:fs")`) only when it runs in Node; in the page's build they
 * stay imports that never run, rather than Vite's empty stand-ins (and a warning for each).
 */
function pyodideNodeImportsLeft() {
  return {
    name: 'pyodide-node-imports-left',
    enforce: 'pre' as const,
    resolveId(id: string, importer: string | undefined) {
      if (id.startsWith('node:') && importer && /[\\/]pyodide[\\/]pyodide\.mjs$/.test(importer))
        return { id, external: true };
      return null;
    },
  };
}

/**
 * Serves Pyodide's files at `/pyodide/` from the installed package: copied into the build (before course-build
 * compresses it), and answered by `astro dev` from `node_modules`.
 */
export function pyodideSiteFiles(): AstroIntegration {
  return {
    name: 'pyodide-files',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [pyodideNodeImportsLeft()] } });
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use('/pyodide/', (request, response, next) => {
          const name = (request.url ?? '').replace(/^\//, '').split('?')[0]!;
          if (!pyodideFiles.includes(name)) return next();
          response.setHeader('content-type', fileKindOf(name).contentType);
          createReadStream(join(pyodideFolder(), name)).pipe(response);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const target = join(fileURLToPath(dir), 'pyodide');
        await mkdir(target, { recursive: true });
        await Promise.all(pyodideFiles.map((name) => copyFile(join(pyodideFolder(), name), join(target, name))));
        logger.info(`Copied Pyodide's ${pyodideFiles.length} runtime files to pyodide/`);
      },
    },
  };
}
