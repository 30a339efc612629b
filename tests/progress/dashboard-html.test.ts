import { describe, expect, it } from 'vitest';
import { classDashboard, matrixPageSize } from '../../src/progress/class-dashboard';
import { classLearners } from '../../src/progress/class-progress';
import { dashboardHtml } from '../../src/progress/dashboard-html';
import { summarizeProgress } from '../../src/progress/progress-summary';
import { emptyProgress } from '../../src/progress/record';

/** The page of a class of `count` learners who have attempted nothing yet. */
function pageOfClass(count: number): string {
  const learners = classLearners(
    Array.from({ length: count }, (_, index) => ({
      name: `learner-${index}.json`,
      progress: summarizeProgress(emptyProgress(`learner-${String(index).padStart(4, '0')}`, new Date(0))),
    })),
  );
  return dashboardHtml(classDashboard(learners), { chartJs: '', generatedAt: new Date(0) });
}

/** The matrix's body rows' opening tags. */
const matrixRows = (html: string) => html.match(/<tr(?: hidden)?><th scope="row" data-sort=/g) ?? [];

describe('the matrix of the --html page', () => {
  it('shows a class of up to a page whole, with no page buttons', () => {
    const html = pageOfClass(matrixPageSize);
    expect(matrixRows(html).filter((row) => row.includes('hidden'))).toEqual([]);
    expect(html).not.toContain('id="matrix-pager"');
  });

  it('hides the rows past the first page of a larger class, and names the learners shown', () => {
    const html = pageOfClass(matrixPageSize + 1);
    const rows = matrixRows(html);
    expect(rows).toHaveLength(matrixPageSize + 1);
    expect(rows.findIndex((row) => row.includes('hidden'))).toBe(matrixPageSize);
    const pager = /<nav id="matrix-pager" [^>]*>(.*?)<\/nav>/.exec(html)?.[1];
    expect(pager).toBe(
      '<button type="button" data-step="-1" aria-disabled="true">Previous 100</button>' +
        '<span role="status">Learners 1–100 of 101</span>' +
        '<button type="button" data-step="1" aria-disabled="false">Next 100</button>',
    );
  });

  it('carries every page’s words for the page’s script', () => {
    const html = pageOfClass(matrixPageSize + 1);
    const labels = /data-labels="([^"]*)"/.exec(html)![1]!.replaceAll('&#34;', '"');
    expect(JSON.parse(labels)).toEqual(['Learners 1–100 of 101', 'Learners 101–101 of 101']);
  });
});
