/**
 * The worker thread of `awscourse report` (report-threads.ts): runs the task it was started for on each run of files
 * the main thread sends it, and sends back the result with the run's turn.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ListedFile } from './report-sources';
import { type ReportTaskName, reportTasks } from './report-tasks';

/** The buffers of a result's pieces of text, handed over to the main thread rather than copied. */
const buffersOf = (result: unknown[]) =>
  result.flatMap((item) =>
    item && typeof item === 'object' && 'bytes' in item ? [(item.bytes as Uint8Array).buffer as ArrayBuffer] : [],
  );

const { task, context } = workerData as { task: ReportTaskName; context: never };
const run = reportTasks[task] as (files: ListedFile[], context: never) => unknown[];
parentPort?.on('message', ({ turn, files }: { turn: number; files: ListedFile[] }) => {
  const result = run(files, context);
  parentPort?.postMessage({ turn, result }, buffersOf(result));
});
