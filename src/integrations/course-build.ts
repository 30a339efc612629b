import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { build } from 'esbuild';
import * as pagefind from 'pagefind';
import { precompressFolder } from '../server/precompress';

/** Stops the build with Pagefind's own messages when it reports any. */
function failOnPagefindErrors(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind could not ${step}:\n  ${errors.join('\n  ')}`);
}

/** Indexes the built pages' `data-pagefind-body` (the lessons) into `client/pagefind/`, for the search page. */
async function indexForSearch(client: string, logger: AstroIntegrationLogger): Promise<void> {
  const created = await pagefind.createIndex();
  failOnPagefindErrors('start', created.errors);
  const added = await created.index!.addDirectory({ path: client });
  failOnPagefindErrors(`index ${client}`, added.errors);
  const written = await created.index!.writeFiles({ outputPath: join(client, 'pagefind') });
  failOnPagefindErrors('write the index', written.errors);
  await pagefind.close();
  logger.info(`Pagefind read ${added.page_count} pages and wrote the search index`);
}

/** Bundles the course server (`src/server/main.ts`) into `serve.mjs`, beside the build's `server/` and `client/`. */
async function bundleServer(root: URL, outDir: string): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('src/server/main.ts', root))],
    outfile: join(outDir, 'serve.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
  });
}

const kB = (bytes: number) => `${Math.round(bytes / 1024)} kB`;

/**
 * What `astro build` does after Astro's own work, so that every build is complete and the same, whether `npm start`
 * or the browser tests made it: the Pagefind search index, the course server (`serve.mjs`), and brotli and gzip
 * copies of the text files for the server to send. `astro dev` does none of it.
 */
export function courseBuild(): AstroIntegration {
  let root: URL | undefined;
  let outDir: URL | undefined;
  return {
    name: 'course-build',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
        outDir = config.outDir;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const client = fileURLToPath(dir);
        await indexForSearch(client, logger);
        await bundleServer(root!, fileURLToPath(outDir!));
        const { files, bytes, encodedBytes } = await precompressFolder(client);
        logger.info(
          `Compressed ${files} files of ${kB(bytes)}: ${kB(encodedBytes.br)} brotli, ${kB(encodedBytes.gzip)} gzip`,
        );
      },
    },
  };
}
