/**
 * The Instructor page's Web Worker: the class reader (class-reader.ts) on a thread of its own, one per class (the page
 * ends it to start over). Files are read with `FileReaderSync`, which only a worker has, so that the tidy CSV can read
 * them again one at a time as its rows are written.
 */
import { type ClassReaderRequest, classReader } from './class-reader';

/** The worker's own file reader; the DOM's types, which the site's code is checked with, do not name it. */
declare class FileReaderSync {
  readAsArrayBuffer(blob: Blob): ArrayBuffer;
}

const read = classReader({
  readBytes: (file) => new Uint8Array(new FileReaderSync().readAsArrayBuffer(file)),
  tell: (answer) => postMessage(answer),
});
addEventListener('message', (event: MessageEvent<ClassReaderRequest>) => read(event.data));
