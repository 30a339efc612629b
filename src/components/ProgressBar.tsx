import './ProgressBar.css';

/** Props of a bar of lessons finished. */
export interface ProgressBarProps {
  /** What the bar measures, for screen readers, e.g. `Week 1: lessons finished`. */
  label: string;
  /** Lessons finished. */
  finished: number;
  /** Lessons in all. */
  total: number;
}

/**
 * Lessons finished as a bar with the count beside it. Screen readers hear the bar's label and the count as its value
 * text, so the visible words are hidden from them rather than read twice.
 */
export function ProgressBar({ label, finished, total }: ProgressBarProps) {
  const words = `${finished} of ${total} lessons finished`;
  const percent = total === 0 ? 0 : Math.round((finished / total) * 100);
  return (
    <div class="progress-bar">
      <div
        class="progress-bar-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={finished}
        aria-valuetext={words}
      >
        <div class="progress-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <span class="progress-bar-words" aria-hidden="true">
        {words} ({percent}%)
      </span>
    </div>
  );
}
