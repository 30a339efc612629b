import type { TerminalFile } from './terminal-file-schema';

/** The URL of every file under `examples/` in the build (Vite copies each one; small ones become data URLs). */
const exampleUrls = import.meta.glob<string>('/examples/**/*', {
  query: '?url&no-inline',
  import: 'default',
  eager: true,
});

/** A lesson file as the terminal fetches it: where it goes, and the URL of its content. */
export interface LabFileLink {
  path: string;
  url: string;
}

/**
 * The URLs of a lesson's terminal files: `public/` files at their own address, `examples/` files as the build
 * copied them. A source that is not in the repository stops the build, naming the lesson and the file.
 */
export function labFileLinks(lessonId: string, files: readonly TerminalFile[]): LabFileLink[] {
  return files.map(({ path, source }) => {
    const url = source.startsWith('public/') ? source.slice('public'.length) : exampleUrls[`/${source}`];
    if (url === undefined)
      throw new Error(
        `The terminal of lesson ${lessonId} declares the file ${source}, which is not in the repository. ` +
          'Add the file under examples/, or correct terminal.files in the lesson frontmatter.',
      );
    return { path, url };
  });
}
