import { relative, sep } from 'node:path';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';

/** The import suffix that asks for a module's URL as a chunk of its own: `import url from './x?entry-url'`. */
const entryUrlSuffix = '?entry-url';

/** Marks the stand-in module that carries the URL; `\0` keeps other plugins (TypeScript's among them) away from it. */
const urlModulePrefix = '\0entry-url:';

const posixPath = (path: string) => path.split(sep).join('/');

/**
 * Gives a script the address of another module built as a chunk of its own, for the browser's own `import()` of it
 * (marked `@vite-ignore`): unlike Vite's `import()`, that needs no preload helper and no list of the chunk's
 * dependencies in the importer, which cost the script every page loads 1.1 kB compressed. The chunk shares modules
 * with the rest of the site's code (one copy of each: one instructor link on the Progress page, whichever loads it),
 * is named by its content under `/_astro/` (kept a year by browsers, never stale), and sees the same `import.meta.env`.
 * Its CSS must be imported `?inline`: nothing loads the stylesheets of a chunk imported this way. Under `astro dev` the
 * address is the module's own.
 *
 * @example
 * import instructorBarUrl from './instructor-bar?entry-url';
 * const bar: typeof import('./instructor-bar') = await import(instructorBarUrl);
 */
export function entryUrlPlugin(): Plugin {
  let command: 'build' | 'serve' = 'build';
  let root = '';
  let base = '/';
  return {
    name: 'entry-url',
    // Before Vite's resolver, which would take the suffix for a query of the module itself.
    enforce: 'pre',
    configResolved(config) {
      ({ command, root, base } = config);
    },
    async resolveId(source, importer) {
      if (!source.endsWith(entryUrlSuffix)) return null;
      const module = await this.resolve(source.slice(0, -entryUrlSuffix.length), importer);
      return module && `${urlModulePrefix}${module.id}`;
    },
    load(id) {
      if (!id.startsWith(urlModulePrefix)) return null;
      const module = id.slice(urlModulePrefix.length);
      // The dev server serves each module of the site at its path under the root.
      if (command === 'serve') return `export default ${JSON.stringify(base + posixPath(relative(root, module)))};`;
      // The importer calls the chunk's exports: kept as they are, whatever the build's default for entries.
      const chunk = this.emitFile({ type: 'chunk', id: module, preserveSignature: 'strict' });
      return `export default import.meta.ROLLUP_FILE_URL_${chunk};`;
    },
  };
}

/** Lets the site's scripts import a module's URL with `?entry-url` ({@link entryUrlPlugin}). */
export function entryUrls(): AstroIntegration {
  return {
    name: 'entry-url',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [entryUrlPlugin()] } });
      },
    },
  };
}
