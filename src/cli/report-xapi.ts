/**
 * The xAPI half of `awscourse report`: `--xapi FILE` writes every learner's statements, `--send-xapi URL` sends them
 * to an LRS, resumably. The statements are progressStatements' with the course's own source (course-source.ts), so
 * they are the very bytes the site's "Send to my instructor" sends, and an LRS takes each once.
 */
import { resolve } from 'node:path';
import { jsonArrayPieces } from '../lib/json-array-pieces';
import { madeAhead } from '../lib/made-ahead';
import { writeFileDurably } from '../lib/write-file-durably';
import type { ReadRecord } from '../progress/class-progress';
import { courseSource, siteUrlVariable } from '../progress/course-source';
import { firstOfEachKey, type RecordOwner } from '../progress/record-owners';
import { statementsOfRecord } from '../progress/record-statements';
import type { XapiStatement } from '../progress/xapi';
import { basicAuthorization, type LrsEndpoint, LrsError, statementsUrl } from '../progress/xapi-lrs';
import { type CliIo, exitCodes, UsageError } from './io';
import { type ReportClass, recordsOfFiles } from './report-sources';
import { uniquePieces } from './report-tasks';
import { inFileOrder } from './report-threads';
import { authVariable, defaultJournal, defaultTries, type xapiReportOptions } from './report-xapi-options';
import { openSendJournal } from './xapi-journal';
import { count, type SendOutcome, sendProgress, sendResumably } from './xapi-send';

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
 * The statements of the class's records, in order, each id once: each record's own (see statementsOfRecord), for
 * records read again from the files one at a time.
 */
export function* classStatements(
  owners: Map<string, RecordOwner>,
  records: Iterable<ReadRecord>,
  siteUrl?: string,
): Generator<XapiStatement> {
  const source = courseSource({ siteUrl });
  const once = firstOfEachKey();
  for (const { progress } of records) {
    const owner = owners.get(progress.learner.id);
    if (!owner) continue;
    for (const { statement, key } of statementsOfRecord(progress, owner, source)) if (once(key)) yield statement;
  }
}

/** Writes `--xapi`'s file: the statements as one JSON array, made on two threads for a large class. */
async function writeStatements(file: NonNullable<XapiReportPlan['file']>, report: ReportClass, siteUrl?: string) {
  const runs = madeAhead(
    inFileOrder('statementItems', report.files, { owners: report.owners, siteUrl }, report.worker),
  );
  let statements = 0;
  await writeFileDurably(file.path, jsonArrayPieces(uniquePieces(runs, (count) => (statements += count))));
  return statements;
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
        'so they were not stored.\nThey were sent before with other content: under another course address ' +
        '(--site-url), by another version of the course, or by the site launched from an LMS or a portal after the ' +
        'file was downloaded (a file downloaded later keeps the launch).\n',
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

/**
 * Carries out the plan for the class: writes `--xapi`'s file, sends to `--send-xapi`'s LRS; resolves the exit status.
 * The statements are made again each time they are gone through (the file, then the send's count and batches), so
 * that a class's are never all held at once.
 */
export async function runXapiReport(plan: XapiReportPlan, report: ReportClass, io: CliIo): Promise<number> {
  if (plan.file) {
    const statements = await writeStatements(plan.file, report, plan.siteUrl);
    io.stdout(`Wrote ${plan.file.given} (${count(statements)} statements).\n`);
  }
  if (!plan.send) return exitCodes.ok;
  const journal = await openSendJournal(plan.send.journal, plan.send.lrs.endpoint);
  // The bar goes to stderr, so stderr must be a terminal too; CliIo tells only of stdout (unset in tests).
  const progress = sendProgress(io.stderr, io.isTty === true && process.stderr.isTTY === true);
  const outcome = await sendResumably({
    lrs: plan.send.lrs,
    statements: {
      [Symbol.iterator]: () => classStatements(report.owners, recordsOfFiles(report.files), plan.siteUrl),
    },
    journal,
    tries: plan.send.tries,
    onProgress: progress.show,
  });
  progress.end();
  return reportSend(outcome, plan.send, io);
}
