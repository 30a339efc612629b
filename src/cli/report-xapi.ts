/**
 * The xAPI half of `awscourse report`: `--xapi FILE` writes every learner's statements, `--send-xapi URL` sends them
 * to an LRS, resumably. The statements are progressStatements' with the course's own source (course-source.ts), so
 * they are the very bytes the site's "Send to my instructor" sends, and an LRS takes each once.
 */
import { resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { writeFileDurably } from '../lib/write-file-durably';
import type { Progress } from '../progress/schema';
import { courseSource, siteUrlVariable } from '../progress/course-source';
import { progressStatements, type XapiStatement } from '../progress/xapi';
import { basicAuthorization, type LrsEndpoint, LrsError, statementsUrl } from '../progress/xapi-lrs';
import { type CliIo, exitCodes, UsageError } from './io';
import { openSendJournal } from './xapi-journal';
import { count, type SendOutcome, sendProgress, sendResumably } from './xapi-send';

/** The environment variable that gives `--xapi-auth`, so the secret need not be on the command line. */
export const authVariable = 'AWSCOURSE_XAPI_AUTH';

/** The journal of a send when `--xapi-journal` names none: in the current folder. */
export const defaultJournal = 'awscourse-xapi-journal.txt';

/** How many times a batch is tried by default before the send stops (waits of 1, 2, 4, 8 s between). */
const defaultTries = 5;

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

/** The parsed xAPI options. */
type XapiReportValues = { [name in keyof typeof xapiReportOptions]?: string };

/** What the xAPI options ask for, checked before any file is read. */
export interface XapiReportPlan {
  siteUrl?: string;
  /** Where `--xapi` writes: as given, and resolved. */
  file?: { given: string; path: string };
  send?: { lrs: LrsEndpoint; journal: string; tries: number };
}

/** `--xapi-auth` (or the environment's) as an Authorization header; the value is never repeated in a message. */
function authorizationOf(values: XapiReportValues, env: CliIo['env']): string | undefined {
  const credentials = values['xapi-auth'] ?? env[authVariable];
  if (credentials === undefined || credentials === '') return undefined;
  if (!credentials.includes(':'))
    throw new UsageError(
      `--xapi-auth (or ${authVariable}) takes USER:PASSWORD: the LRS's key and secret joined by a colon.`,
    );
  return basicAuthorization(credentials);
}

/** Whether a URL names this machine, where credentials over http:// do not cross a network. */
const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** The LRS to send to, its address checked; credentials are refused over http:// to another machine. */
function lrsOf(endpoint: string, authorization: string | undefined): LrsEndpoint {
  let url: URL;
  try {
    url = statementsUrl(endpoint);
  } catch (error) {
    if (error instanceof LrsError) throw new UsageError(`--send-xapi: ${error.message}`, error.hint);
    throw error;
  }
  const inAddress = Boolean(URL.parse(endpoint)?.username);
  if (url.protocol === 'http:' && !isLoopback(url) && (authorization || inAddress))
    throw new UsageError(
      'The LRS address is http://, so its credentials would cross the network unencrypted.',
      'Give its https:// address.',
    );
  return { endpoint, authorization };
}

/** The number of tries `--xapi-tries` gives. */
function triesOf(given: string | undefined): number {
  if (given === undefined) return defaultTries;
  const tries = Number(given);
  if (!Number.isInteger(tries) || tries < 1 || tries > 20)
    throw new UsageError(`--xapi-tries takes a whole number from 1 to 20, not "${given}".`);
  return tries;
}

/** Reads and checks the xAPI options; undefined when none is given. */
export function xapiReportPlan(values: XapiReportValues, io: CliIo): XapiReportPlan | undefined {
  const endpoint = values['send-xapi'];
  for (const option of ['xapi-auth', 'xapi-journal', 'xapi-tries'] as const)
    if (values[option] !== undefined && endpoint === undefined)
      throw new UsageError(`--${option} is for --send-xapi: give the LRS's address with --send-xapi URL.`);
  if (values.xapi === undefined && endpoint === undefined) {
    if (values['site-url'] !== undefined)
      throw new UsageError('--site-url is for --xapi and --send-xapi: it sets the address in the statements.');
    return undefined;
  }
  const siteUrl = values['site-url'] ?? io.env[siteUrlVariable];
  if (siteUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(siteUrl))
    throw new UsageError(
      `--site-url (or ${siteUrlVariable}) takes the course's address, e.g. https://course.example.edu, not "${siteUrl}".`,
    );
  return {
    siteUrl,
    file: values.xapi === undefined ? undefined : { given: values.xapi, path: resolve(io.cwd, values.xapi) },
    send:
      endpoint === undefined
        ? undefined
        : {
            lrs: lrsOf(endpoint, authorizationOf(values, io.env)),
            journal: resolve(io.cwd, values['xapi-journal'] ?? defaultJournal),
            tries: triesOf(values['xapi-tries']),
          },
  };
}

/**
 * The statements of every file read, in the files' order, each id once. Made from each file's own record, not from
 * a learner's merged one: a learner's records from two browsers have two record ids, and each attempt's statement
 * must keep the id (and actor) the site gave it when it sent it, or an LRS would hold that attempt twice.
 */
export function classStatements(records: Progress[], siteUrl?: string): XapiStatement[] {
  const source = courseSource({ siteUrl });
  const byId = new Map<string, XapiStatement>();
  for (const progress of records)
    for (const statement of progressStatements(progress, source))
      if (!byId.has(statement.id)) byId.set(statement.id, statement);
  return [...byId.values()];
}

/** A send's outcome, told: what was sent, what the LRS refused and why; the exit status it stands for. */
function reportSend(outcome: SendOutcome, send: NonNullable<XapiReportPlan['send']>, io: CliIo): number {
  const lrs = statementsUrl(send.lrs.endpoint).href.replace(/statements$/, '');
  const before = outcome.sentBefore ? `; ${count(outcome.sentBefore)} were sent before (${send.journal})` : '';
  io.stdout(`Sent ${count(outcome.sent)} of ${count(outcome.total)} statements to ${lrs}${before}.\n`);
  if (outcome.conflicting.length) {
    const ids = outcome.conflicting.slice(0, 3).join(', ') + (outcome.conflicting.length > 3 ? ', …' : '');
    io.stderr(
      `The LRS already holds ${count(outcome.conflicting.length)} of the statements with other content (${ids}), ` +
        'so they were not stored.\nThey were sent before under another course address (--site-url) or version.\n',
    );
  }
  if (outcome.error) {
    const { error } = outcome;
    io.stderr(`Could not send ${count(outcome.unsent)} statements: ${error.message}\n`);
    if (error.hint) io.stderr(`${error.hint}\n`);
    if (error.retryable) io.stderr('Run the same command again to send the rest.\n');
    return error.retryable ? exitCodes.failed : exitCodes.usage;
  }
  return outcome.conflicting.length ? exitCodes.failed : exitCodes.ok;
}

/** Carries out the plan for the class: writes `--xapi`'s file, sends to `--send-xapi`'s LRS. Resolves the exit status. */
export async function runXapiReport(plan: XapiReportPlan, records: Progress[], io: CliIo): Promise<number> {
  const statements = classStatements(records, plan.siteUrl);
  if (plan.file) {
    await writeFileDurably(plan.file.path, `${JSON.stringify(statements, null, 2)}\n`);
    io.stdout(`Wrote ${plan.file.given} (${count(statements.length)} statements).\n`);
  }
  if (!plan.send) return exitCodes.ok;
  const journal = await openSendJournal(plan.send.journal, plan.send.lrs.endpoint);
  // The bar goes to stderr, so stderr must be a terminal too; CliIo tells only of stdout (unset in tests).
  const progress = sendProgress(io.stderr, io.isTty === true && process.stderr.isTTY === true);
  const outcome = await sendResumably({
    lrs: plan.send.lrs,
    statements,
    journal,
    tries: plan.send.tries,
    onProgress: progress.show,
  });
  progress.end();
  return reportSend(outcome, plan.send, io);
}
