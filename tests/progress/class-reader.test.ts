import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { classCsv } from '../../src/progress/class-csv';
import type { ClassCsvOptions } from '../../src/progress/class-csv-options';
import { type ClassDashboard, fileSummary, readClass } from '../../src/progress/class-dashboard';
import type { ProgressSource } from '../../src/progress/class-progress';
import { type ClassReaderAnswer, classReader, filesPerProgress } from '../../src/progress/class-reader';
import { emptyProgress, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';

const utf8 = new TextEncoder();

const attempt = (exercise: VerifyAttempt['exercise'], at: string, passed: boolean): VerifyAttempt => ({
  exercise,
  at,
  mode: 'live',
  status: passed ? 'passed' : 'failed',
  region: 'us-west-2',
  account: '123456789012',
  checks: [{ id: 'found', status: passed ? 'pass' : 'fail', message: passed ? 'Found it.' : 'Nothing found.' }],
});

/** A learner's record with the attempts given. */
function record(id: string, attempts: VerifyAttempt[], rosterId?: string): Progress {
  const start = emptyProgress(id, new Date('2026-11-24T09:00:00Z'));
  return attempts.reduce(recordVerifyAttempt, rosterId ? { ...start, learner: { id, rosterId } } : start);
}

/**
 * A reader with the files it may be given, read as a worker reads them (at once, by the file's handle), and every
 * answer it told, in order. A file whose name is put in `unreadable` cannot be read, as one moved since it was given.
 */
function readerOf(files: Record<string, string | Uint8Array>) {
  const unreadable: string[] = [];
  const bytes = new Map<File, Uint8Array>();
  const given = Object.fromEntries(
    Object.entries(files).map(([name, content], index) => {
      const contentBytes = typeof content === 'string' ? utf8.encode(content) : new Uint8Array(content);
      const file = new File([contentBytes], name, { lastModified: index });
      bytes.set(file, contentBytes);
      return [name, file];
    }),
  );
  const answers: ClassReaderAnswer[] = [];
  const read = classReader({
    readBytes: (file) => {
      if (unreadable.includes(file.name)) throw new DOMException('The file changed.', 'NotReadableError');
      return bytes.get(file)!;
    },
    tell: (answer) => answers.push(answer),
  });
  return { read, given: (...names: string[]) => names.map((name) => given[name]!), answers, unreadable };
}

/** The dashboard of the last class told. */
const lastDashboard = (answers: ClassReaderAnswer[]): ClassDashboard =>
  answers.findLast((answer) => answer.type === 'class')!.dashboard;

/** The text of the last CSV told, with the name it is to be saved under. */
async function lastCsv(answers: ClassReaderAnswer[]) {
  const answer = answers.findLast((each) => each.type === 'csv')!;
  return { file: answer.file, type: answer.csv.type, text: await answer.csv.text() };
}

const ana = record('learner-ana', [attempt('exercise-3', '2026-11-24T10:00:00Z', true)], 'ana@example.edu');
const ben = record('learner-ben', [attempt('exercise-3', '2026-11-24T11:00:00Z', false)]);
/** Ana's second download, from another browser: one learner with Ana's first. */
const anaLater = record('learner-ana-2', [attempt('exercise-4', '2026-11-25T10:00:00Z', false)], 'ana@example.edu');

const classFiles = {
  'ana.json': JSON.stringify(ana),
  'ben.json': JSON.stringify(ben),
  'ana-later.json': JSON.stringify(anaLater),
};

describe('the class reader', () => {
  it('reads the files given into the dashboard, saying it is reading first', () => {
    const { read, given, answers } = readerOf(classFiles);
    read({ type: 'add', files: given('ana.json', 'ben.json', 'ana-later.json') });
    expect(answers.map((answer) => answer.type)).toEqual(['reading', 'class']);
    expect(answers[0]).toEqual({ type: 'reading', read: 0, of: 0 });
    const dashboard = lastDashboard(answers);
    expect(dashboard.rows.map((row) => [row.learner.id, row.learner.files])).toEqual([
      ['ana@example.edu', ['ana.json', 'ana-later.json']],
      ['learner-ben', ['ben.json']],
    ]);
    expect(fileSummary(dashboard)).toBe('2 learners from 3 files.');
  });

  it('reads the progress files of a .zip, and tells the count every thousand files', () => {
    const entries = Object.fromEntries(
      Array.from({ length: 2 * filesPerProgress + 1 }, (_, index) => [
        `submissions/learner-${index}.json`,
        utf8.encode(JSON.stringify(emptyProgress(`learner-${index}`, new Date('2026-11-24T09:00:00Z')))),
      ]),
    );
    const { read, given, answers } = readerOf({ 'class.zip': zipSync(entries) });
    read({ type: 'add', files: given('class.zip') });
    expect(answers.filter((answer) => answer.type === 'reading')).toEqual([
      { type: 'reading', read: 0, of: 0 },
      { type: 'reading', read: 1000, of: 2001 },
      { type: 'reading', read: 2000, of: 2001 },
    ]);
    expect(fileSummary(lastDashboard(answers))).toBe('2001 learners from 2001 files.');
  });

  it('adds files given later to the class, in the order given', () => {
    const { read, given, answers } = readerOf(classFiles);
    read({ type: 'add', files: given('ben.json') });
    read({ type: 'add', files: given('ana.json') });
    expect(lastDashboard(answers).rows.map((row) => row.learner.id)).toEqual(['learner-ben', 'ana@example.edu']);
  });

  it('reads a file given twice once, and says the class is unchanged when nothing given is new', () => {
    const { read, given, answers } = readerOf(classFiles);
    read({ type: 'add', files: given('ana.json', 'ana.json') });
    read({ type: 'add', files: given('ana.json') });
    expect(answers.map((answer) => answer.type)).toEqual(['reading', 'class', 'unchanged']);
    expect(fileSummary(lastDashboard(answers))).toBe('1 learner from 1 file.');
  });

  it('skips a damaged file, a damaged .zip and a file that cannot be read, each with its reason', () => {
    const { read, given, answers, unreadable } = readerOf({
      'ana.json': JSON.stringify(ana),
      'cut.json': JSON.stringify(ben).slice(0, 40),
      'class.zip': 'PK\x03\x04 no',
      'moved.json': '',
    });
    unreadable.push('moved.json');
    read({ type: 'add', files: given('ana.json', 'cut.json', 'class.zip', 'moved.json') });
    const dashboard = lastDashboard(answers);
    expect(fileSummary(dashboard)).toBe('1 learner from 1 file; 3 skipped.');
    expect(dashboard.skipped.map((file) => `${file.name}: ${file.skipped}`)).toEqual([
      'cut.json: it is cut off: the JSON ends early',
      expect.stringMatching(/^class\.zip: it is not a zip archive, or it is damaged/),
      'moved.json: it cannot be read (a folder, or a file that was moved or changed)',
    ]);
  });
});

describe('the class reader’s CSV', () => {
  /** The CSV as the page made it when it held every record, for the same files. */
  const heldWhole = (options: ClassCsvOptions) =>
    classCsv(readClass(Object.entries(classFiles).map(([name, text]): ProgressSource => ({ name, text }))), options);

  it.each<ClassCsvOptions>([{ shape: 'gradebook' }, { shape: 'gradebook', lms: 'canvas' }, { shape: 'tidy' }])(
    'is the CSV of the whole class, as a Blob named as asked: %j',
    async (options) => {
      const { read, given, answers } = readerOf(classFiles);
      read({ type: 'add', files: given('ana.json', 'ben.json', 'ana-later.json') });
      read({ type: 'csv', file: 'class.csv', options });
      expect(await lastCsv(answers)).toEqual({
        file: 'class.csv',
        type: 'text/csv;charset=utf-8',
        text: heldWhole(options),
      });
    },
  );

  it('reads the files again for the tidy CSV, leaving out the rows of one that can no longer be read', async () => {
    const { read, given, answers, unreadable } = readerOf(classFiles);
    read({ type: 'add', files: given('ana.json', 'ben.json') });
    unreadable.push('ben.json');
    read({ type: 'csv', file: 'class-checks.csv', options: { shape: 'tidy' } });
    const rows = (await lastCsv(answers)).text.trimEnd().split('\r\n');
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(['learner-ana']);
  });
});
