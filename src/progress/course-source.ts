/**
 * The course's own {@link StatementSource}: its address and revision, the one place the site and `awscourse` take them
 * from. A learner's statements must be byte for byte the same whichever of them sends, or an LRS that already holds
 * them answers 409 Conflict to the second: so both read the address and the revision here.
 */
import { version } from '../../package.json';
import type { StatementSource } from './xapi';

/** The address astro.config.mjs gives the site (`site`), when neither the build nor the command names another. */
export const configuredSiteUrl = 'http://127.0.0.1:4321';

/** The environment variable that gives `awscourse` the course's address, as `--site-url` does. */
export const siteUrlVariable = 'AWSCOURSE_SITE_URL';

/** The course's revision in every statement: the version of the course (package.json's `version`). */
export const courseRevision = version;

/** The address the built site was given (Astro's `site`, `import.meta.env.SITE`); none outside a site build. */
function builtSiteUrl(): string | undefined {
  // Vite (the site, the tests) replaces `import.meta.env.SITE` with Astro's `site` as the page is built; the
  // `awscourse` bundle runs in Node, which has no import.meta.env. (`?.` would escape Vite's replacement.)
  if (import.meta.env === undefined) return undefined;
  return import.meta.env.SITE || undefined;
}

/**
 * The course's address: the one given (`--site-url`, or AWSCOURSE_SITE_URL), else the one the site was built with,
 * else {@link configuredSiteUrl}; without a trailing slash.
 *
 * @example courseSiteUrl('https://course.example.edu/'); // 'https://course.example.edu'
 */
export function courseSiteUrl(given?: string): string {
  return (given || builtSiteUrl() || configuredSiteUrl).replace(/\/+$/, '');
}

/**
 * The source of the course's statements: its address ({@link courseSiteUrl}) and revision.
 *
 * @example progressStatements(progress, courseSource()); // the same statements the site sends
 */
export function courseSource(options: { siteUrl?: string } = {}) {
  return { siteUrl: courseSiteUrl(options.siteUrl), revision: courseRevision } satisfies StatementSource;
}
