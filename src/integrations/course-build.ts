import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';

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

/**
 * What `astro build` does after Astro's own work, so that every build is complete and the same, whether `npm start`
 * or the browser tests made it, into whichever folder: the Pagefind search index. `astro dev` does none of it.
 */
export function courseBuild(): AstroIntegration {
  return {
    name: 'course-build',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await indexForSearch(fileURLToPath(dir), logger);
      },
    },
  };
}
