/**
 * The class dashboard as one self-contained HTML file (`awscourse report --html`): Chart.js, the data, the styles
 * and a small script for the chart and the sortable matrix are all inline, so the file opens anywhere, offline, and
 * its Content-Security-Policy lets it load nothing. Everything a learner wrote is escaped; it is data, never markup.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type ChartPalette,
  type ClassDashboard,
  cellDetail,
  dashboardTime,
  type DashboardRow,
  dashboardWords,
  type FailureMessage,
  failureMessagesShown,
  fileSummary,
  learnerLabel,
  matrixColumns,
  matrixPageCount,
  matrixPageLabel,
  matrixPageSize,
  matrixSortValue,
  mergedRows,
  otherMessagesLabel,
  passRateChart,
  percent,
  selfReportedNote,
  standingLabels,
} from './class-dashboard';

/** What the page is made from besides the dashboard. */
export interface DashboardHtmlOptions {
  /** Chart.js's UMD build, as {@link readChartJs} reads it. */
  chartJs: string;
  /** When the report was made; the page says so. */
  generatedAt: Date;
}

/** The course's colours (src/styles/global.css), light and dark; the file follows the system's choice. */
const themes = {
  light: {
    bg: '#ffffff',
    raised: '#f4f6f8',
    fg: '#1b1f24',
    muted: '#4d5560',
    border: '#c9d1d9',
    accent: '#0a58ca',
    ok: '#116329',
    bad: '#b3261e',
  },
  dark: {
    bg: '#0f1419',
    raised: '#1a2129',
    fg: '#e6edf3',
    muted: '#a8b3bf',
    border: '#3a4550',
    accent: '#6cb6ff',
    ok: '#56d364',
    bad: '#ff7b72',
  },
} as const;

type Theme = (typeof themes)[keyof typeof themes];

const paletteOf = (theme: Theme): ChartPalette => ({
  text: theme.fg,
  grid: theme.border,
  ofLearners: theme.accent,
  ofAttempted: theme.muted,
});

/**
 * Chart.js's UMD build (it defines `window.Chart`), read from the installed package: the CLI's bundle keeps its
 * packages external, and the package exports no path to this file, which sits beside its CommonJS entry.
 */
export async function readChartJs(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  return readFile(join(dirname(entry), 'chart.umd.min.js'), 'utf8');
}

/** Text as HTML text or a quoted attribute value: `<script>` in a learner's name stays words on the page. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** JSON that can sit in a `<script>` element: every `<` escaped, so no `</script>` or `<!--` in it ends it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** A script's text made safe to inline: no `</script` or `<!--` that would end the element, no source map to fetch. */
const inlineScript = (code: string) =>
  code
    .replace(/\r\n?/g, '\n')
    .replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n')
    .replace(/<\/script/gi, '<\\/script')
    .replace(/<!--/g, '<\\!--');

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The page's own script: draws the chart in the system's theme, redraws it when that changes, sorts the matrix over
 * all its rows and shows it a page at a time (the rows of other pages are `hidden`, so only one page is laid out).
 */
const pageScript = `(function () {
  'use strict';
  var dataText = document.getElementById('dashboard-data').textContent;
  var canvas = document.getElementById('pass-rate-chart');
  var dark = matchMedia('(prefers-color-scheme: dark)');
  var chart;
  function draw() {
    if (chart) chart.destroy();
    var charts = JSON.parse(dataText).chart;
    chart = new Chart(canvas, dark.matches ? charts.dark : charts.light);
  }
  draw();
  dark.addEventListener('change', draw);

  var pager = document.getElementById('matrix-pager');
  var pageLabels = pager ? JSON.parse(pager.getAttribute('data-labels')) : [];
  var page = 0;
  function showPage(table, to) {
    if (!pager) return;
    page = Math.max(0, Math.min(pageLabels.length - 1, to));
    var rows = table.tBodies[0].rows;
    for (var index = 0; index < rows.length; index++) {
      var hidden = Math.floor(index / ${matrixPageSize}) !== page;
      if (rows[index].hidden !== hidden) rows[index].hidden = hidden;
    }
    pager.querySelector('[role="status"]').textContent = pageLabels[page];
    pager.querySelectorAll('button[data-step]').forEach(function (button) {
      var to = page + Number(button.getAttribute('data-step'));
      button.setAttribute('aria-disabled', String(to < 0 || to >= pageLabels.length));
    });
  }

  var collator = new Intl.Collator();
  function sortBy(header) {
    var table = header.closest('table');
    var column = Array.prototype.indexOf.call(header.parentNode.children, header);
    var ascending = header.getAttribute('aria-sort') !== 'ascending';
    var numeric = header.hasAttribute('data-numeric');
    var body = table.tBodies[0];
    var keyed = Array.prototype.map.call(body.rows, function (row) {
      var key = row.cells[column].getAttribute('data-sort');
      return { row: row, key: numeric ? Number(key) : key };
    });
    keyed.sort(function (a, b) {
      var order = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return ascending ? order : -order;
    });
    var sorted = document.createDocumentFragment();
    keyed.forEach(function (entry) { sorted.appendChild(entry.row); });
    body.appendChild(sorted);
    table.querySelectorAll('th[aria-sort]').forEach(function (other) { other.removeAttribute('aria-sort'); });
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    showPage(table, 0);
  }
  var matrix = document.querySelector('table[aria-labelledby="matrix-heading"]');
  document.querySelectorAll('th > button[data-sort]').forEach(function (button) {
    button.addEventListener('click', function () { sortBy(button.parentNode); });
  });
  if (pager)
    pager.querySelectorAll('button[data-step]').forEach(function (button) {
      button.addEventListener('click', function () {
        showPage(matrix, page + Number(button.getAttribute('data-step')));
      });
    });
})();
`;

const themeVariables = (theme: Theme) =>
  Object.entries(theme)
    .map(([name, value]) => `--${name}: ${value};`)
    .join(' ');

const styles = `
:root { color-scheme: light; ${themeVariables(themes.light)} }
@media (prefers-color-scheme: dark) { :root { color-scheme: dark; ${themeVariables(themes.dark)} } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0.5rem 0; }
h2 { margin-top: 2rem; border-bottom: 1px solid var(--border); padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 0; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em;
  overflow-wrap: anywhere; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.note { background: var(--raised); border: 1px solid var(--border); border-left: 5px solid var(--accent);
  border-radius: 6px; padding: 0.5rem 1rem; max-width: 46rem; }
.chart-box { position: relative; height: 20rem; max-width: 50rem; }
.table-scroll { position: relative; overflow-x: auto; max-width: 100%; margin: 1rem 0; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid var(--border); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: var(--raised); white-space: nowrap; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
th > button { font: inherit; font-weight: 700; color: inherit; background: none; border: 0; padding: 0.1rem 0;
  cursor: pointer; display: inline-flex; gap: 0.3rem; align-items: center; }
th > button:hover { text-decoration: underline; }
.sort-icon::after { content: "↕"; color: var(--muted); }
th[aria-sort="ascending"] .sort-icon::after { content: "▲"; color: var(--fg); }
th[aria-sort="descending"] .sort-icon::after { content: "▼"; color: var(--fg); }
.standing, .exercise { white-space: nowrap; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.detail { display: block; font-size: 0.8rem; color: var(--muted); }
.standing-passed .mark { color: var(--ok); }
.standing-failed .mark { color: var(--bad); }
.standing-none { color: var(--muted); }
.failed-checks { padding-left: 1.2rem; }
.failed-checks > li { margin: 0.8rem 0; }
.failed-checks ul { margin: 0.3rem 0; padding-left: 1.2rem; }
.count { font-weight: 700; font-variant-numeric: tabular-nums; }
.pager { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin: 1rem 0; }
.pager button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--border);
  border-radius: 6px; padding: 0.3rem 0.7rem; cursor: pointer; }
.pager button[aria-disabled="true"] { color: var(--muted); cursor: default; }
.skipped li, .merged li { overflow-wrap: anywhere; }
`;

/** A table wrapped so that it scrolls sideways on a narrow screen, its scroll area named for keyboard users. */
const scrollingTable = (label: string, table: string) =>
  `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeHtml(label)}">${table}</div>`;

function passRateSection(dashboard: ClassDashboard): string {
  const rows = dashboard.passRates
    .map(
      (rate) =>
        `<tr><th scope="row" class="exercise">${escapeHtml(rate.exercise)}</th><td class="number">${rate.passed}</td>` +
        `<td class="number">${rate.attempted}</td><td class="number">${percent(rate.ofLearners)}</td>` +
        `<td class="number">${percent(rate.ofAttempted)}</td></tr>`,
    )
    .join('');
  return `<section>
<h2 id="pass-rate-heading">Pass rate per exercise</h2>
<div class="chart-box"><canvas id="pass-rate-chart" role="img"
  aria-label="${dashboardWords.chartLabel}"></canvas></div>
${scrollingTable(
  'Pass rate per exercise, in numbers',
  `<table><caption>Pass rate per exercise, in numbers</caption><thead><tr><th scope="col">Exercise</th>` +
    `<th scope="col">Passed</th><th scope="col">Attempted</th><th scope="col">Of all learners</th>` +
    `<th scope="col">Of those who attempted</th></tr></thead><tbody>${rows}</tbody></table>`,
)}
</section>`;
}

function matrixCells(row: DashboardRow): string {
  return matrixColumns
    .map(({ id }) => {
      const sort = escapeHtml(String(matrixSortValue(row, id)));
      if (id === 'learner') return `<th scope="row" data-sort="${sort}">${escapeHtml(learnerLabel(row.learner))}</th>`;
      if (id === 'last-attempt') return `<td data-sort="${sort}">${dashboardTime(row.lastAttempt)}</td>`;
      if (id === 'quiz-average') return `<td class="number" data-sort="${sort}">${percent(row.quizAverage)}</td>`;
      const cell = row.exercises[id];
      const { mark, words } = standingLabels[cell.status];
      const detail = cellDetail(cell);
      return (
        `<td class="standing-${cell.status}" data-sort="${sort}"><span class="standing">` +
        `<span class="mark" aria-hidden="true">${mark}</span> ` +
        `${cell.status === 'none' ? `<span class="visually-hidden">${words}</span>` : words}</span>` +
        `${detail ? `<span class="detail">${escapeHtml(detail)}</span>` : ''}</td>`
      );
    })
    .join('');
}

/** The matrix's page buttons and which learners it shows; the page's script turns the pages. */
function matrixPager(learners: number): string {
  const labels = Array.from({ length: matrixPageCount(learners) }, (_, page) => matrixPageLabel(page, learners));
  const step = (words: string, by: number) =>
    `<button type="button" data-step="${by}" aria-disabled="${by < 0}">${escapeHtml(words)}</button>`;
  return (
    `<nav id="matrix-pager" class="pager" aria-label="${escapeHtml(dashboardWords.matrixPages)}" ` +
    `data-labels="${escapeHtml(JSON.stringify(labels))}">${step(dashboardWords.previousPage, -1)}` +
    `<span role="status">${escapeHtml(labels[0] ?? '')}</span>${step(dashboardWords.nextPage, 1)}</nav>`
  );
}

function matrixSection(dashboard: ClassDashboard): string {
  const headers = matrixColumns
    .map(
      (column) =>
        `<th scope="col"${column.numeric ? ' data-numeric' : ''}><button type="button" data-sort="${column.id}">` +
        `${column.label}<span class="sort-icon" aria-hidden="true"></span></button></th>`,
    )
    .join('');
  const rows = dashboard.rows
    .map((row, index) => `<tr${index >= matrixPageSize ? ' hidden' : ''}>${matrixCells(row)}</tr>`)
    .join('\n');
  return `<section>
<h2 id="matrix-heading">Learners and exercises</h2>
<p>${escapeHtml(dashboardWords.matrixLegend)}</p>
${dashboard.rows.length > matrixPageSize ? matrixPager(dashboard.rows.length) : ''}
${scrollingTable(
  'Learners and exercises',
  `<table aria-labelledby="matrix-heading"><thead><tr>${headers}</tr></thead><tbody>\n${rows}\n</tbody></table>`,
)}
</section>`;
}

/** A failed check's messages, each with how many learners' latest attempts gave it. */
const failureList = (messages: FailureMessage[]) =>
  `<ul>${messages
    .map((failure) => `<li><span class="count">${failure.learners} ×</span> ${escapeHtml(failure.message)}</li>`)
    .join('')}</ul>`;

function failedChecksSection(dashboard: ClassDashboard): string {
  const items = dashboard.failedChecks
    .map((check) => {
      const others = check.messages.slice(failureMessagesShown);
      const messages =
        failureList(check.messages.slice(0, failureMessagesShown)) +
        (others.length
          ? `<details><summary>${otherMessagesLabel(others.length)}</summary>${failureList(others)}</details>`
          : '');
      return (
        `<li><h3>${escapeHtml(check.title ?? check.check)}</h3><span class="detail">${escapeHtml(check.exercise)} · check ` +
        `<code>${escapeHtml(check.check)}</code> · failed for ${check.failed} of the ${check.attempted} learners ` +
        `who attempted it</span>${messages}</li>`
      );
    })
    .join('\n');
  return `<section>
<h2 id="failed-heading">Checks learners fail most</h2>
<p>${escapeHtml(dashboardWords.failedChecksNote)}</p>
${items ? `<ol class="failed-checks">\n${items}\n</ol>` : `<p>${escapeHtml(dashboardWords.noFailedCheck)}</p>`}
</section>`;
}

function filesSection(dashboard: ClassDashboard): string {
  const skipped = dashboard.skipped
    .map((file) => `<li><code>${escapeHtml(file.name)}</code>: ${escapeHtml(file.skipped)}.</li>`)
    .join('');
  const merged = mergedRows(dashboard)
    .map(
      (row) =>
        `<li>${escapeHtml(learnerLabel(row.learner))}: ${row.learner.files.map((file) => `<code>${escapeHtml(file)}</code>`).join(', ')}</li>`,
    )
    .join('');
  const read = dashboard.rows
    .flatMap((row) =>
      row.learner.files.map(
        (file) => `<li><code>${escapeHtml(file)}</code>: ${escapeHtml(learnerLabel(row.learner))}</li>`,
      ),
    )
    .join('');
  return `<section>
<h2 id="files-heading">Files</h2>
<p>${escapeHtml(fileSummary(dashboard))}</p>
${skipped ? `<h3>Skipped, with the reason</h3><ul class="skipped">${skipped}</ul>` : ''}
${merged ? `<h3>Merged: one learner’s files</h3><ul class="merged">${merged}</ul>` : ''}
<details><summary>Every file read, and whose it is</summary><ul>${read}</ul></details>
</section>`;
}

/**
 * The dashboard as a complete HTML page that needs no network: the pass-rate chart (drawn by the inlined Chart.js,
 * with a table of the same numbers), the sortable matrix, the checks failed most, and the files read, merged and
 * skipped. The dashboard is also in the page as JSON (`#dashboard-data`), for anyone who wants the numbers. The page
 * comes in pieces, each large part (the matrix, the data) made as it is reached, so that a class of thousands is
 * written without ever holding its page whole; {@link dashboardHtml} joins them.
 */
export function* dashboardHtmlPieces(
  dashboard: ClassDashboard,
  { chartJs, generatedAt }: DashboardHtmlOptions,
): Generator<string> {
  const library = inlineScript(chartJs);
  const policy = `default-src 'none'; script-src ${sha256(library)} ${sha256(pageScript)}; style-src 'unsafe-inline'`;
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<title>Class progress</title>
<style>${styles}</style>
</head>
<body>
<main>
<h1>Class progress</h1>
<p>${escapeHtml(fileSummary(dashboard))} Made by <code>awscourse report</code> on ${dashboardTime(generatedAt.toISOString())}.</p>
<p class="note">${escapeHtml(selfReportedNote)}</p>
${passRateSection(dashboard)}
`;
  yield matrixSection(dashboard);
  yield `
${failedChecksSection(dashboard)}
${filesSection(dashboard)}
</main>
<script type="application/json" id="dashboard-data">`;
  yield scriptJson({
    dashboard,
    chart: {
      light: passRateChart(dashboard, paletteOf(themes.light)),
      dark: passRateChart(dashboard, paletteOf(themes.dark)),
    },
  });
  yield `</script>
<script>${library}</script>
<script>${pageScript}</script>
</body>
</html>
`;
}

/** The dashboard as one HTML page's text: {@link dashboardHtmlPieces}, joined. */
export const dashboardHtml = (dashboard: ClassDashboard, options: DashboardHtmlOptions): string =>
  [...dashboardHtmlPieces(dashboard, options)].join('');
