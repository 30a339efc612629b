import { extname } from 'node:path';

/** How the course server sends one kind of file. */
interface FileKind {
  /** The `Content-Type` header. */
  contentType: string;
  /** Whether the build keeps brotli and gzip copies beside it (text compresses well; images and Pagefind's
   * index, which is gzipped already, do not). */
  compress: boolean;
}

const text = (contentType: string): FileKind => ({ contentType, compress: true });
const binary = (contentType: string): FileKind => ({ contentType, compress: false });

/** Every kind of file the built site holds, by extension. The build and the server both read this table. */
const fileKinds: Record<string, FileKind> = {
  '.html': text('text/html; charset=utf-8'),
  '.css': text('text/css; charset=utf-8'),
  '.js': text('text/javascript; charset=utf-8'),
  '.mjs': text('text/javascript; charset=utf-8'),
  '.json': text('application/json; charset=utf-8'),
  '.svg': text('image/svg+xml'),
  '.md': text('text/markdown; charset=utf-8'),
  '.txt': text('text/plain; charset=utf-8'),
  '.xml': text('application/xml; charset=utf-8'),
  '.jpg': binary('image/jpeg'),
  '.jpeg': binary('image/jpeg'),
  '.png': binary('image/png'),
  '.webp': binary('image/webp'),
  '.woff2': binary('font/woff2'),
  // A lesson's files as one archive (src/pages/files/): compressed already.
  '.zip': binary('application/zip'),
  // WebAssembly code compresses to a third (Pyodide's 9.6 MB to 3.6 MB with gzip, 2.7 MB with brotli).
  '.wasm': { contentType: 'application/wasm', compress: true },
};

const unknownKind = binary('application/octet-stream');

/**
 * How to send the file at `path`, from its extension; anything not listed is sent as bytes, uncompressed.
 *
 * @example
 * fileKindOf('/week-1/cidr/index.html'); // { contentType: 'text/html; charset=utf-8', compress: true }
 * fileKindOf('/pagefind/index/en_1.pf_index'); // { contentType: 'application/octet-stream', compress: false }
 */
export function fileKindOf(path: string): FileKind {
  return fileKinds[extname(path).toLowerCase()] ?? unknownKind;
}
