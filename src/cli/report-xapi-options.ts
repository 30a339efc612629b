/**
 * The xAPI options of `awscourse report`: their parseArgs table, their defaults and their lines of the help. Apart
 * from report-xapi.ts, so that the help loads without what sends statements.
 */
import type { ParseArgsOptionsConfig } from 'node:util';
import { siteUrlVariable } from '../progress/course-source';

/** The environment variable that gives `--xapi-auth`, so the secret need not be on the command line. */
export const authVariable = 'AWSCOURSE_XAPI_AUTH';

/** The journal of a send when `--xapi-journal` names none: in the current folder. */
export const defaultJournal = 'awscourse-xapi-journal.txt';

/** How many times a batch is tried by default before the send stops (waits of 1, 2, 4, 8 s between). */
export const defaultTries = 5;

/** The report's xAPI options, for its parseArgs table. */
export const xapiReportOptions = {
  xapi: { type: 'string' },
  'send-xapi': { type: 'string' },
  'xapi-auth': { type: 'string' },
  'xapi-journal': { type: 'string' },
  'xapi-tries': { type: 'string' },
  'site-url': { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

/** The report help's lines about the xAPI options. */
export const xapiReportHelp = `  --xapi FILE   also write every learner's xAPI 1.0.3 statements to FILE, as one JSON array
  --send-xapi URL
                send the statements to the LRS whose xAPI endpoint is URL (e.g. https://lrs.example/xapi/), in
                batches, trying again when the LRS is busy or unreachable; acknowledged statements are kept in a
                journal, so running the command again sends only the rest
  --xapi-auth USER:PASSWORD
                the LRS's key and secret (HTTP Basic); or set ${authVariable}, to keep them off the command line
  --xapi-journal FILE
                the send's journal (default: ${defaultJournal} in the current folder)
  --xapi-tries N
                how many times to try each batch before stopping (default: ${defaultTries})
  --site-url URL
                the course site's address in the statements (default: ${siteUrlVariable}, or the address the
                course is built for); give the one learners use, or the LRS refuses statements the site sent`;
