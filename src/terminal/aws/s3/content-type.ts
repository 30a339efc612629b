/** Content types by file extension, as Python's `mimetypes` guesses them for the CLI's uploads. */
const contentTypes: Record<string, string> = {
  css: 'text/css',
  csv: 'text/csv',
  gif: 'image/gif',
  htm: 'text/html',
  html: 'text/html',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  js: 'text/javascript',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  sh: 'application/x-sh',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  webp: 'image/webp',
  xml: 'text/xml',
  zip: 'application/zip',
};

/** The content type the CLI sends for a file, guessed from its extension; `undefined` when it has no guess. */
export function guessContentType(path: string): string | undefined {
  const extension = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : contentTypes[extension];
}
