import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  type ChartPalette,
  type ClassDashboard,
  cellDetail,
  type DashboardCell,
  type DashboardRow,
  dashboardTime,
  type FailureMessage,
  failureMessagesShown,
  dashboardWords,
  fileSummary,
  learnerLabel,
  type MatrixColumn,
  matrixColumns,
  matrixPageCount,
  matrixPageLabel,
  matrixPageSize,
  mergedRows,
  otherMessagesLabel,
  passRateChart,
  percent,
  type SortDirection,
  selfReportedNote,
  sortedRows,
  standingLabels,
} from '../progress/class-dashboard';
import type { ClassCsvOptions } from '../progress/class-csv-options';
import { exerciseIds } from '../lessons/schema';
import { type ClassReader, useClassReader } from './use-class-reader';
import './InstructorDashboard.css';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The files offered for download, each a CSV in one of class-csv.ts's shapes. */
const csvDownloads: { label: string; file: string; options: ClassCsvOptions }[] = [
  { label: 'Tidy CSV: a row per check', file: 'class-checks.csv', options: { shape: 'tidy' } },
  { label: 'Gradebook CSV', file: 'class-gradebook.csv', options: { shape: 'gradebook' } },
  { label: 'Gradebook for Canvas', file: 'class-gradebook-canvas.csv', options: { shape: 'gradebook', lms: 'canvas' } },
  { label: 'Gradebook for Moodle', file: 'class-gradebook-moodle.csv', options: { shape: 'gradebook', lms: 'moodle' } },
];

/** The site's current theme, re-read whenever the theme button changes it. */
function useSiteTheme(): string | undefined {
  const [theme, setTheme] = useState(() => document.documentElement.dataset.theme);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(document.documentElement.dataset.theme));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

/** The chart's colours from the site's theme variables (src/styles/global.css). */
function sitePalette(): ChartPalette {
  const style = getComputedStyle(document.documentElement);
  const variable = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: variable('--fg'),
    grid: variable('--border'),
    ofLearners: variable('--accent'),
    ofAttempted: variable('--fg-muted'),
  };
}

/** The pass-rate bar chart, redrawn in the site's colours when the theme changes, and its numbers as a table. */
function PassRates({ dashboard }: { dashboard: ClassDashboard }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const theme = useSiteTheme();
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, passRateChart(dashboard, sitePalette()));
    return () => chart.destroy();
  }, [dashboard, theme]);
  return (
    <section>
      <h2 id="pass-rate-heading">Pass rate per exercise</h2>
      <div class="instructor-chart">
        <canvas ref={canvas} role="img" aria-label={dashboardWords.chartLabel} />
      </div>
      <section class="instructor-table" tabindex={0} aria-labelledby="pass-rate-caption">
        <table>
          <caption id="pass-rate-caption">Pass rate per exercise, in numbers</caption>
          <thead>
            <tr>
              {['Exercise', 'Passed', 'Attempted', 'Of all learners', 'Of those who attempted'].map((heading) => (
                <th scope="col">{heading}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dashboard.passRates.map((rate) => (
              <tr>
                <th scope="row" class="instructor-nowrap">
                  {rate.exercise}
                </th>
                <td class="instructor-number">{rate.passed}</td>
                <td class="instructor-number">{rate.attempted}</td>
                <td class="instructor-number">{percent(rate.ofLearners)}</td>
                <td class="instructor-number">{percent(rate.ofAttempted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** A learner's standing on one exercise: its mark, its words (for screen readers only when not attempted), and where. */
function StandingCell({ cell }: { cell: DashboardCell }) {
  const { mark, words } = standingLabels[cell.status];
  const detail = cellDetail(cell);
  return (
    <td class={`instructor-standing-${cell.status}`}>
      <span class="instructor-nowrap">
        <span class="instructor-mark" aria-hidden="true">
          {mark}
        </span>{' '}
        {cell.status === 'none' ? <span class="visually-hidden">{words}</span> : words}
      </span>
      {detail && <span class="instructor-detail">{detail}</span>}
    </td>
  );
}

/** One row of the matrix. */
function MatrixRow({ row }: { row: DashboardRow }) {
  return (
    <tr>
      <th scope="row">{learnerLabel(row.learner)}</th>
      {exerciseIds.map((exercise) => (
        <StandingCell cell={row.exercises[exercise]} />
      ))}
      <td>{dashboardTime(row.lastAttempt)}</td>
      <td class="instructor-number">{percent(row.quizAverage)}</td>
    </tr>
  );
}

/**
 * The matrix's page buttons and which learners it shows, announced as the page changes. At either end its button
 * stays focusable (`aria-disabled`), so that the keyboard's focus is not lost.
 */
function MatrixPager({ page, learners, onPage }: { page: number; learners: number; onPage: (page: number) => void }) {
  const last = matrixPageCount(learners) - 1;
  const pageButton = (label: string, to: number) => (
    <button type="button" aria-disabled={to < 0 || to > last} onClick={() => to >= 0 && to <= last && onPage(to)}>
      {label}
    </button>
  );
  return (
    <nav class="instructor-pager" aria-label={dashboardWords.matrixPages}>
      {pageButton(dashboardWords.previousPage, page - 1)}
      <span role="status">{matrixPageLabel(page, learners)}</span>
      {pageButton(dashboardWords.nextPage, page + 1)}
    </nav>
  );
}

/**
 * The learners × exercises matrix, sorted over all learners by the column whose heading button was pressed last and
 * shown a page at a time, so that a class of thousands stays quick to sort.
 */
function Matrix({ rows }: { rows: DashboardRow[] }) {
  const [sort, setSort] = useState<{ column: MatrixColumn; direction: SortDirection }>();
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => (sort ? sortedRows(rows, sort.column, sort.direction) : rows), [rows, sort]);
  const current = Math.min(page, matrixPageCount(rows.length) - 1);
  const shown = sorted.slice(current * matrixPageSize, (current + 1) * matrixPageSize);
  const sortBy = (column: MatrixColumn) => {
    setSort({
      column,
      direction: sort?.column === column && sort.direction === 'ascending' ? 'descending' : 'ascending',
    });
    setPage(0);
  };
  return (
    <section>
      <h2 id="matrix-heading">Learners and exercises</h2>
      <p>{dashboardWords.matrixLegend}</p>
      {rows.length > matrixPageSize && <MatrixPager page={current} learners={rows.length} onPage={setPage} />}
      <section class="instructor-table" tabindex={0} aria-labelledby="matrix-heading">
        <table aria-labelledby="matrix-heading">
          <thead>
            <tr>
              {matrixColumns.map((column) => (
                <th scope="col" aria-sort={sort?.column === column.id ? sort.direction : undefined}>
                  <button type="button" class="instructor-sort" onClick={() => sortBy(column.id)}>
                    {column.label}
                    <span class="instructor-sort-icon" aria-hidden="true" />
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <MatrixRow key={row.learner.id} row={row} />
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** A failed check's messages, each with how many learners' latest attempts gave it. */
function FailureMessages({ messages }: { messages: FailureMessage[] }) {
  return (
    <ul>
      {messages.map((failure) => (
        <li>
          <span class="instructor-count">{failure.learners} ×</span> {failure.message}
        </li>
      ))}
    </ul>
  );
}

/** The messages past the first few, behind a disclosure and rendered once it is opened: a class can give thousands. */
function OtherFailureMessages({ messages }: { messages: FailureMessage[] }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{otherMessagesLabel(messages.length)}</summary>
      {open && <FailureMessages messages={messages} />}
    </details>
  );
}

/** The checks that learners' latest attempts fail, most learners first, with the messages they gave. */
function FailedChecks({ dashboard }: { dashboard: ClassDashboard }) {
  return (
    <section>
      <h2 id="failed-heading">Checks learners fail most</h2>
      <p>{dashboardWords.failedChecksNote}</p>
      {dashboard.failedChecks.length === 0 ? (
        <p>{dashboardWords.noFailedCheck}</p>
      ) : (
        <ol class="instructor-failed">
          {dashboard.failedChecks.map((check) => (
            <li>
              <h3>{check.title ?? check.check}</h3>
              <span class="instructor-detail">
                {check.exercise} · check <code>{check.check}</code> · failed for {check.failed} of the {check.attempted}{' '}
                learners who attempted it
              </span>
              <FailureMessages messages={check.messages.slice(0, failureMessagesShown)} />
              {check.messages.length > failureMessagesShown && (
                <OtherFailureMessages messages={check.messages.slice(failureMessagesShown)} />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Which files were skipped and why, whose files were merged, and every file read (listed once it is opened). */
function Files({ dashboard }: { dashboard: ClassDashboard }) {
  const merged = mergedRows(dashboard);
  const [everyFileOpen, setEveryFileOpen] = useState(false);
  return (
    <section>
      <h2 id="files-heading">Files</h2>
      <p>{fileSummary(dashboard)}</p>
      {dashboard.skipped.length > 0 && (
        <>
          <h3>Skipped, with the reason</h3>
          <ul class="instructor-files">
            {dashboard.skipped.map((file) => (
              <li>
                <code>{file.name}</code>: {file.skipped}.
              </li>
            ))}
          </ul>
        </>
      )}
      {merged.length > 0 && (
        <>
          <h3>Merged: one learner’s files</h3>
          <ul class="instructor-files">
            {merged.map((row) => (
              <li>
                {learnerLabel(row.learner)}:{' '}
                {row.learner.files.map((file, index) => (
                  <>
                    {index > 0 && ', '}
                    <code>{file}</code>
                  </>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
      <details onToggle={(event) => setEveryFileOpen(event.currentTarget.open)}>
        <summary>Every file read, and whose it is</summary>
        {everyFileOpen && (
          <ul class="instructor-files">
            {dashboard.rows.flatMap((row) =>
              row.learner.files.map((file) => (
                <li>
                  <code>{file}</code>: {learnerLabel(row.learner)}
                </li>
              )),
            )}
          </ul>
        )}
      </details>
    </section>
  );
}

/**
 * The buttons that save the class as CSV, for a spreadsheet or an LMS's gradebook, and a status that says which are
 * being made: the tidy CSV of a large class takes seconds.
 */
function CsvDownloads({ making, download }: Pick<ClassReader, 'making' | 'download'>) {
  return (
    <section>
      <h2 id="csv-heading">Download as CSV</h2>
      <p>
        The tidy CSV has a row per check of every attempt, for a spreadsheet. The gradebooks have a row per learner and
        a score out of 100 per exercise; the Canvas and Moodle ones have the columns their grade import reads.
      </p>
      <div class="instructor-buttons">
        {csvDownloads.map(({ label, file, options }) => (
          <button type="button" onClick={() => download(file, options)}>
            {label}
          </button>
        ))}
      </div>
      <p role="status">{making.length > 0 && `Making ${making.join(', ')}…`}</p>
    </section>
  );
}

/**
 * Where the instructor drops files or a .zip: the whole area is the file input's label, so it can also be clicked,
 * and the input itself is reached and opened with the keyboard.
 */
function FileDrop({ onFiles }: { onFiles: (files: File[]) => void }) {
  const [dragging, setDragging] = useState(false);
  const drop = (event: JSX.TargetedDragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setDragging(false);
    onFiles([...(event.dataTransfer?.files ?? [])]);
  };
  return (
    <label
      class={`instructor-drop${dragging ? ' is-dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <span class="instructor-drop-title">
        Drop your learners' progress files (.json) or .zip archives of them here, or choose them:
      </span>
      <input
        type="file"
        multiple
        accept=".json,.zip,application/json,application/zip"
        onChange={(event) => {
          const input = event.currentTarget;
          onFiles([...(input.files ?? [])]);
          // So that choosing the same file again, after "Start over", reads it again.
          input.value = '';
        }}
      />
    </label>
  );
}

/** What the status says while files are read: how many of how many, once there are many. */
const readingStatus = ({ read, of }: { read: number; of: number }) =>
  read === 0 ? 'Reading the files…' : `Reading the files… ${read} of ${of} read.`;

/**
 * The Instructor page's dashboard: the instructor gives learners' progress files or .zip archives of them, and the
 * page shows what `awscourse report --html` writes: the pass rate per exercise, the sortable matrix, the checks failed
 * most and the files read, merged and skipped, with the class as CSV. The files are read in this browser only.
 */
export default function InstructorDashboard() {
  const { dashboard, reading, failure, making, add, download, startOver } = useClassReader();
  const status = reading
    ? readingStatus(reading)
    : (failure ?? (dashboard ? fileSummary(dashboard) : 'No file given yet.'));
  return (
    <div class="instructor">
      <FileDrop onFiles={add} />
      <p class="instructor-status" role="status">
        {status}
      </p>
      {dashboard && (
        <button type="button" class="instructor-clear" onClick={startOver}>
          Start over
        </button>
      )}
      {dashboard && (
        <>
          <p class="instructor-note">{selfReportedNote}</p>
          {dashboard.rows.length > 0 && (
            <>
              <PassRates dashboard={dashboard} />
              <Matrix rows={dashboard.rows} />
              <FailedChecks dashboard={dashboard} />
            </>
          )}
          <Files dashboard={dashboard} />
          {dashboard.rows.length > 0 && <CsvDownloads making={making} download={download} />}
        </>
      )}
    </div>
  );
}
