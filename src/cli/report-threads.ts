/**
 * `awscourse report`'s reading, shared between this thread and a worker thread (report-worker.ts): a class of
 * thousands of files is cut into runs, each run read on whichever thread is free, and the runs' results are given in
 * the files' order, as if one thread had read them all. Reading (JSON and the schema) is most of a report's time,
 * and a machine has two cores or more. Without a worker (none given, few files, one core, or one that failed) every
 * run is read on this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ListedFile } from './report-sources';
import { type ReportTaskContext, type ReportTaskName, type ReportTaskResult, reportTasks } from './report-tasks';

/** Files per run: enough to make few messages, few enough to share the work evenly. */
const filesPerRun = 16;
/** Fewer files than this are read on this thread alone: a worker takes longer to start than they take to read. */
export const fewestFilesForWorker = 500;
/** Runs the worker is given ahead, so that it never waits for this thread to hand it the next. */
const runsQueued = 2;
/** Runs this thread reads ahead of their turn while the worker reads the one due, at most. */
const runsAhead = 4;
/**
 * The worker's young generation, in MB. It keeps nothing from one run to the next, and the size V8 gives a worker
 * of a large machine held some 100 MB more of its memory, for no gain in speed.
 */
const workerYoungGenerationMb = 16;

/** The worker as this thread sees it. */
interface Helper<T> {
  /** Turns sent and not yet answered. */
  pending: Set<number>;
  /** Answers not yet taken. */
  answers: Map<number, T>;
  /** Set once the worker failed or stopped: its pending turns are read here. */
  failed: boolean;
  send: (turn: number, files: ListedFile[]) => void;
  /** Resolves at the next answer, or when the worker fails. */
  nextEvent: () => Promise<void>;
  stop: () => Promise<unknown>;
}

/** Starts a worker for a task and its context. */
function startHelper<K extends ReportTaskName>(
  script: URL,
  task: K,
  context: ReportTaskContext<K>,
): Helper<ReportTaskResult<K>> {
  const worker = new Worker(script, {
    workerData: { task, context },
    resourceLimits: { maxYoungGenerationSizeMb: workerYoungGenerationMb },
  });
  let wake = () => {};
  const helper: Helper<ReportTaskResult<K>> = {
    pending: new Set(),
    answers: new Map(),
    failed: false,
    send(turn, files) {
      helper.pending.add(turn);
      worker.postMessage({ turn, files });
    },
    nextEvent: () => new Promise((resolve) => (wake = resolve)),
    stop: () => worker.terminate(),
  };
  worker.on('message', ({ turn, result }: { turn: number; result: ReportTaskResult<K> }) => {
    helper.pending.delete(turn);
    helper.answers.set(turn, result);
    wake();
  });
  const fail = () => {
    helper.failed = true;
    wake();
  };
  worker.on('error', fail);
  worker.on('exit', fail);
  return helper;
}

/** Consecutive runs of the listed files. */
const runsOf = (listed: ListedFile[]): ListedFile[][] =>
  Array.from({ length: Math.ceil(listed.length / filesPerRun) }, (_, index) =>
    listed.slice(index * filesPerRun, (index + 1) * filesPerRun),
  );

/** Lets the worker's answers in: they are handled only while this thread waits. */
const letAnswersIn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The task's result for each run of the listed files, in order, read on this thread and on a worker started from
 * `script` (the bundle's report-worker.mjs) when there is one and the class is large enough to gain from it.
 *
 * @example for await (const read of inFileOrder('summarize', listed, undefined, io.reportWorker)) …
 */
export async function* inFileOrder<K extends ReportTaskName>(
  task: K,
  listed: ListedFile[],
  context: ReportTaskContext<K>,
  script?: URL,
): AsyncGenerator<ReportTaskResult<K>> {
  const runs = runsOf(listed);
  const useWorker = script !== undefined && listed.length >= fewestFilesForWorker && availableParallelism() > 1;
  const helper = useWorker ? startHelper(script, task, context) : undefined;
  const run = reportTasks[task] as (files: ListedFile[], context: ReportTaskContext<K>) => ReportTaskResult<K>;
  const readHere = new Map<number, ReportTaskResult<K>>();
  const readRun = (turn: number) => readHere.set(turn, run(runs[turn]!, context));
  let next = 0;
  try {
    for (let turn = 0; turn < runs.length; turn++) {
      for (;;) {
        while (helper && !helper.failed && helper.pending.size < runsQueued && next < runs.length)
          helper.send(next, runs[next++]!);
        if (readHere.has(turn) || helper?.answers.has(turn)) break;
        if (!helper || helper.failed || !helper.pending.has(turn)) {
          // Not given out yet, or given to a worker that failed: read it here.
          if (turn === next) next += 1;
          readRun(turn);
          break;
        }
        if (next < runs.length && readHere.size < runsAhead) {
          readRun(next++);
          await letAnswersIn();
        } else await helper.nextEvent();
      }
      const result = readHere.get(turn) ?? helper?.answers.get(turn);
      readHere.delete(turn);
      helper?.answers.delete(turn);
      yield result!;
    }
  } finally {
    await helper?.stop();
  }
}
