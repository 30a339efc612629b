/**
 * The encodings the build writes beside each compressible file (`app.js.br`, `app.js.gz`) and the server offers, in
 * the server's order of preference: brotli is smaller, gzip is understood by every client.
 */
export const precompressedEncodings = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** `br` or `gzip`. */
export type Encoding = (typeof precompressedEncodings)[number]['name'];

/** The quality (0 to 1) an `Accept-Encoding` header gives each coding it names, `*` included. */
function qualities(acceptEncoding: string): Map<string, number> {
  const byCoding = new Map<string, number>();
  for (const item of acceptEncoding.split(',')) {
    const [coding = '', ...parameters] = item.split(';').map((part) => part.trim().toLowerCase());
    if (coding === '') continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    byCoding.set(coding, Number.isFinite(quality) ? quality : 0);
  }
  return byCoding;
}

/**
 * The encoding to send a file in: of those it is `available` in, the one the client's `Accept-Encoding` rates
 * highest (ties go to the server's order), or `undefined` for the file as it is. A coding rated `q=0` is refused;
 * `*` stands for every coding not named.
 *
 * @example
 * chooseEncoding('gzip, deflate, br, zstd', ['br', 'gzip']); // 'br'
 * chooseEncoding('gzip;q=1, br;q=0.5', ['br', 'gzip']); // 'gzip'
 * chooseEncoding(null, ['br', 'gzip']); // undefined
 */
export function chooseEncoding(acceptEncoding: string | null, available: readonly Encoding[]): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const byCoding = qualities(acceptEncoding);
  let best: { encoding: Encoding; quality: number } | undefined;
  for (const { name } of precompressedEncodings) {
    if (!available.includes(name)) continue;
    const quality = byCoding.get(name) ?? byCoding.get('*') ?? 0;
    if (quality > 0 && (best === undefined || quality > best.quality)) best = { encoding: name, quality };
  }
  return best?.encoding;
}
