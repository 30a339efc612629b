import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { reportHelp } from '../../src/cli/report-help';
import { emptyProgress, recordVerifyAttempt } from '../../src/progress/record';
import type { Progress, VerifyAttempt } from '../../src/progress/schema';

function captureIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text), env: {}, cwd };
}

const hostileName = '<script>alert("name")</script>';
const hostileMessage = '</script><script>alert("message")</script><!--';

function attempt(exercise: VerifyAttempt['exercise'], at: string, failing?: string): VerifyAttempt {
  return {
    exercise,
    at,
    mode: 'live',
    status: failing ? 'failed' : 'passed',
    account: '123456789012',
    region: 'us-west-2',
    checks: [
      { id: 'vpc-exists', title: 'The VPC exists', status: failing ? 'fail' : 'pass', message: failing ?? 'ok' },
    ],
  };
}

function learner(id: string, name: string | undefined, attempts: VerifyAttempt[]): Progress {
  const start = emptyProgress(id, new Date('2026-11-24T09:00:00Z'));
  return attempts.reduce(recordVerifyAttempt, name ? { ...start, learner: { id, name } } : start);
}

/** A class of two (one with a name that is markup, one whose check failed with a message that is markup), one cut file. */
async function classFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'awscourse-report-html-'));
  const named = learner('learner-0001', hostileName, [attempt('exercise-3', '2026-11-24T10:00:00.000Z')]);
  const failing = learner('learner-0002', undefined, [
    attempt('exercise-3', '2026-11-24T11:00:00.000Z', hostileMessage),
  ]);
  await writeFile(join(dir, 'a.json'), JSON.stringify(named));
  await writeFile(join(dir, 'b.json'), JSON.stringify(failing));
  await writeFile(join(dir, 'cut.json'), JSON.stringify(failing).slice(0, 40));
  return dir;
}

/** Runs `awscourse report --html class.html` on the class and reads the page it wrote. */
async function reportHtml(): Promise<{ html: string; io: ReturnType<typeof captureIo>; code: number; dir: string }> {
  const dir = await classFolder();
  const io = captureIo(dir);
  const code = await main(['report', '--html', 'out/class.html', 'a.json', 'b.json', 'cut.json'], io);
  return { html: await readFile(join(dir, 'out', 'class.html'), 'utf8'), io, code, dir };
}

/** The texts of the page's script elements, with their opening tags, as the HTML parser splits them. */
const scripts = (html: string) =>
  [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script/gi)].map(([, attributes, text]) => ({
    attributes: attributes!,
    text: text!,
  }));

/** The dashboard data the page carries, parsed as a browser would read it. */
function pageData(html: string) {
  const data = scripts(html).find((script) => script.attributes.includes('application/json'));
  return JSON.parse(data!.text) as {
    dashboard: { rows: { learner: { name?: string } }[]; failedChecks: { messages: { message: string }[] }[] };
    chart: { light: { type: string; data: { labels: string[]; datasets: { data: (number | null)[] }[] } } };
  };
}

describe('awscourse report --html', () => {
  it('writes the page, says where, and still prints the table and the skipped file', async () => {
    const { io, code, dir } = await reportHtml();
    expect(code).toBe(1);
    expect(io.out.join('')).toMatch(
      /^Learner .*\n[\s\S]*2 learners from 2 files; 1 skipped\.\nWrote out\/class\.html\.\n$/,
    );
    expect(io.err.join('')).toBe('Skipped cut.json: it is cut off: the JSON ends early.\n');
    expect((await stat(join(dir, 'out', 'class.html'))).mode & 0o777).toBe(0o600);
  });

  it('carries the dashboard and the chart’s settings as JSON data', async () => {
    const { html } = await reportHtml();
    const { dashboard, chart } = pageData(html);
    expect(dashboard.rows.map((row) => row.learner.name)).toEqual([hostileName, undefined]);
    expect(chart.light.type).toBe('bar');
    expect(chart.light.data.labels).toEqual(['exercise-3', 'exercise-4', 'exercise-5', 'exercise-6', 'key-cleanup']);
    expect(chart.light.data.datasets.map((set) => set.data[0])).toEqual([0.5, 0.5]);
  });

  it('keeps a learner’s name and a check’s message as text, never markup', async () => {
    const { html } = await reportHtml();
    expect(html).not.toContain(hostileName);
    expect(html).toContain('&#60;script&#62;alert(&#34;name&#34;)&#60;/script&#62; (learner-0001)');
    expect(html).toContain('&#60;/script&#62;&#60;script&#62;alert(&#34;message&#34;)&#60;/script&#62;&#60;!--</li>');
  });

  it('lets no </script> in the data end its script element', async () => {
    const { html } = await reportHtml();
    // Three script elements: the data, Chart.js and the page's own; the data's end is the real one.
    expect(scripts(html).map((script) => script.attributes)).toEqual([
      ' type="application/json" id="dashboard-data"',
      '',
      '',
    ]);
    expect(pageData(html).dashboard.failedChecks[0]!.messages[0]!.message).toBe(hostileMessage);
  });

  it('loads nothing: Chart.js is inline, and the policy allows only the page’s own scripts', async () => {
    const { html } = await reportHtml();
    expect(html).not.toMatch(/<(script|img|iframe)[^>]*\ssrc=|<link\b/i);
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(policy).toMatch(/^default-src 'none'; script-src /);
    const [, library, own] = scripts(html);
    expect(library!.text).toContain('Chart.js v4');
    expect(library!.text).not.toContain('sourceMappingURL');
    for (const script of [library!, own!])
      expect(policy).toContain(`'sha256-${createHash('sha256').update(script.text).digest('base64')}'`);
  });

  it('renders the matrix with a sort button and a sort value per column, and the checks failed most', async () => {
    const { html } = await reportHtml();
    const headings = [...html.matchAll(/<th scope="col"[^>]*><button type="button" data-sort="([^"]+)">/g)];
    expect(headings.map(([, column]) => column)).toEqual([
      'learner',
      'exercise-3',
      'exercise-4',
      'exercise-5',
      'exercise-6',
      'key-cleanup',
      'last-attempt',
      'quiz-average',
    ]);
    // Five exercise cells a row: the first of each is exercise 3's.
    const exercise3 = [...html.matchAll(/<td class="standing-(\w+)" data-sort="(\d)">/g)].filter((_, i) => i % 5 === 0);
    expect(exercise3.map(([, status, sort]) => `${status} ${sort}`)).toEqual(['passed 2', 'failed 1']);
    expect(html).toContain('<span class="detail">1 attempt · live, account 123456789012, us-west-2</span>');
    expect(html).toMatch(/<h3>The VPC exists<\/h3>.*failed for 1 of the 2 learners who attempted it/);
  });

  it('lists the skipped file with its reason, and says progress files are self-reported', async () => {
    const { html } = await reportHtml();
    expect(html).toContain('<li><code>cut.json</code>: it is cut off: the JSON ends early.</li>');
    expect(html).toContain('Progress files are self-reported');
    expect(html).toContain('A live result names the AWS account it came from');
  });

  it('says what went wrong when the page cannot be written, with exit 2', async () => {
    const dir = await classFolder();
    const io = captureIo(dir);
    // a.json is a file, so no folder can be made under it.
    expect(await main(['report', '--html', 'a.json/class.html', 'a.json'], io)).toBe(2);
    expect(io.err.join('')).toMatch(
      /^Could not write a\.json\/class\.html: .+\nName a file in a folder you can write to\.\n$/,
    );
  });

  it('asks for a file name when --html is given an empty one, before reading anything', async () => {
    const dir = await classFolder();
    const io = captureIo(dir);
    expect(await main(['report', '--html=', 'a.json'], io)).toBe(2);
    expect(io.out).toEqual([]);
    expect(io.err.join('')).toBe('--html needs a file name.\nFor example: --html class.html\n');
  });

  it('writes no page when no file could be read', async () => {
    const dir = await classFolder();
    const io = captureIo(dir);
    expect(await main(['report', '--html', 'class.html', 'cut.json'], io)).toBe(2);
    await expect(stat(join(dir, 'class.html'))).rejects.toThrow(/ENOENT/);
  });

  it('is in the help', () => {
    expect(reportHelp).toMatch(/^ {2}--html FILE {3}also write the class dashboard to FILE/m);
  });
});
