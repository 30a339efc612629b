import { useEffect, useRef, useState } from 'preact/hooks';
import { offerBlob } from '../lib/offer-download';
import type { ClassCsvOptions } from '../progress/class-csv-options';
import type { ClassDashboard } from '../progress/class-dashboard';
import type { ClassReaderAnswer, ClassReaderRequest } from '../progress/class-reader';

/** The class as the Instructor page shows it. */
export interface ClassReading {
  /** The dashboard of the files read so far; none before the first are read. */
  dashboard?: ClassDashboard;
  /** While files are read: how many progress files of how many (0 of 0 while they are opened). */
  reading?: { read: number; of: number };
  /** Why the class was let go: the worker that held it stopped. */
  failure?: string;
  /** The CSV files being made, in the order they were asked for. */
  making: string[];
}

/** The class reader and what the page can ask of it. */
export interface ClassReader extends ClassReading {
  /** Reads files into the class; a file given before is not read again. */
  add: (files: File[]) => void;
  /** Makes the class's CSV in a layout and gives it to the browser to save as `file`. */
  download: (file: string, options: ClassCsvOptions) => void;
  /** Lets the class go, files and all. */
  startOver: () => void;
}

/**
 * Starts the class reader's worker. Vite builds the module named here, with what it imports (fflate, the schema,
 * papaparse), as a script of its own, which only this page loads, once files are first given.
 */
const startWorker = () =>
  new Worker(new URL('../progress/class-reader-worker.ts', import.meta.url), { type: 'module', name: 'class-reader' });

/** What the status says when the worker stopped: what happened, and what to do. */
export const readerStopped = (detail: string | undefined) =>
  `The files could not be read: the page’s reader stopped${detail ? ` (${detail})` : ''}. Give them again; if it ` +
  'stops again, awscourse report reads them in a terminal.';

/**
 * The Instructor page's class, read and held in a Web Worker (class-reader-worker.ts) so that the page stays
 * responsive while thousands of files are read; the page holds only the dashboard. The worker starts with the first
 * files given, and starting over ends it with the class it holds. A worker that stops (out of memory, or its script
 * could not load) lets the class go and says so.
 */
export function useClassReader(): ClassReader {
  const worker = useRef<Worker>();
  const addsPending = useRef(0);
  const [reading, setReading] = useState<ClassReading>({ making: [] });

  const stop = () => {
    worker.current?.terminate();
    worker.current = undefined;
    addsPending.current = 0;
  };
  useEffect(() => stop, []);

  /** One request to add files is answered: the count stays shown until every one is. */
  const added = (dashboard?: ClassDashboard) => {
    addsPending.current -= 1;
    const done = addsPending.current === 0;
    setReading((now) => ({ ...now, ...(dashboard ? { dashboard } : {}), ...(done ? { reading: undefined } : {}) }));
  };
  const answered = (answer: ClassReaderAnswer) => {
    if (answer.type === 'reading') setReading((now) => ({ ...now, reading: { read: answer.read, of: answer.of } }));
    else if (answer.type === 'class') added(answer.dashboard);
    else if (answer.type === 'unchanged') added();
    else {
      offerBlob(answer.file, answer.csv);
      setReading((now) => ({ ...now, making: now.making.slice(1) }));
    }
  };
  const failed = (detail: string | undefined) => {
    stop();
    setReading({ making: [], failure: readerStopped(detail) });
  };

  const send = (request: ClassReaderRequest) => {
    if (!worker.current) {
      const started = startWorker();
      // Only the current worker's words count: one ended to start over may still have answers on their way.
      const current = () => worker.current === started;
      started.addEventListener('message', (event: MessageEvent<ClassReaderAnswer>) => {
        if (current()) answered(event.data);
      });
      started.addEventListener('error', (event) => {
        if (current()) failed(event.message || undefined);
      });
      started.addEventListener('messageerror', () => {
        if (current()) failed('its answer could not be read');
      });
      worker.current = started;
    }
    worker.current.postMessage(request);
  };

  return {
    ...reading,
    add: (files) => {
      if (files.length === 0) return;
      addsPending.current += 1;
      setReading((now) => ({ ...now, failure: undefined }));
      send({ type: 'add', files });
    },
    download: (file, options) => {
      setReading((now) => ({ ...now, making: [...now.making, file] }));
      send({ type: 'csv', file, options });
    },
    startOver: () => {
      stop();
      setReading({ making: [] });
    },
  };
}
