import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { type Encoding, precompressedEncodings } from './encoding';
import { fileKindOf } from './file-kind';

const compressors: Record<Encoding, (content: Buffer) => Promise<Buffer>> = {
  br: (content) =>
    promisify(brotliCompress)(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
  gzip: (content) => promisify(gzip)(content, { level: constants.Z_BEST_COMPRESSION }),
};

/** Below this size a compressed copy saves less than the `Content-Encoding` header costs. */
const minimumBytes = 1024;

/** What {@link precompressFolder} did: how many files got compressed copies, their size, and their copies' sizes. */
export interface PrecompressSummary {
  files: number;
  bytes: number;
  encodedBytes: Record<Encoding, number>;
}

async function* filesUnder(folder: string): AsyncGenerator<string> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** The copy of `content` in each encoding, or `undefined` where it would not be worth sending. */
async function encodedCopies(content: Buffer): Promise<Record<Encoding, Buffer | undefined>> {
  const copies: Record<Encoding, Buffer | undefined> = { br: undefined, gzip: undefined };
  if (content.length < minimumBytes) return copies;
  for (const { name } of precompressedEncodings) {
    const encoded = await compressors[name](content);
    if (encoded.length < content.length) copies[name] = encoded;
  }
  return copies;
}

async function precompressFile(path: string, summary: PrecompressSummary): Promise<void> {
  const content = await readFile(path);
  const copies = await encodedCopies(content);
  if (Object.values(copies).some(Boolean)) {
    summary.files += 1;
    summary.bytes += content.length;
  }
  for (const { name, suffix } of precompressedEncodings) {
    const copy = copies[name];
    summary.encodedBytes[name] += copy?.length ?? 0;
    // Without this, a copy left by an earlier build into the same folder would be served in place of the new file.
    await (copy ? writeFile(`${path}${suffix}`, copy) : rm(`${path}${suffix}`, { force: true }));
  }
}

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every compressible file of 1 kB or more under `folder` (the
 * built site's client folder), at the highest compression levels, since this runs once per build and the server then
 * sends the copies as they are. A copy that would not be smaller is not written.
 *
 * @example
 * await precompressFolder('dist/client'); // dist/client/index.html.br, dist/client/index.html.gz, …
 */
export async function precompressFolder(folder: string): Promise<PrecompressSummary> {
  const summary: PrecompressSummary = { files: 0, bytes: 0, encodedBytes: { br: 0, gzip: 0 } };
  const jobs: Promise<void>[] = [];
  for await (const path of filesUnder(folder)) {
    if (fileKindOf(path).compress) jobs.push(precompressFile(path, summary));
  }
  await Promise.all(jobs);
  return summary;
}
