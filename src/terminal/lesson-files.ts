import type { LabShell } from './shell';

/**
 * Adds a lesson's files to the learner's home, each unless a file of its name is already there (the learner's edits
 * are theirs to keep); their contents are read at once. Resolves with the paths added.
 *
 * @example await addLessonFiles(lab, files, async (file) => new Uint8Array(await (await fetch(file.url)).arrayBuffer()));
 */
export async function addLessonFiles<File extends { path: string }>(
  lab: LabShell,
  files: readonly File[],
  contentOf: (file: File) => Promise<Uint8Array>,
): Promise<string[]> {
  const home = lab.session().env.HOME ?? '/home/learner';
  const fetched = await Promise.all(
    files.map(async (file) => {
      const path = lab.fs.resolvePath(home, file.path);
      if (await lab.fs.exists(path)) return undefined;
      return { file, path, content: await contentOf(file) };
    }),
  );
  const missing = fetched.filter((entry) => entry !== undefined);
  for (const { path, content } of missing) {
    await lab.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    await lab.fs.writeFile(path, content);
  }
  return missing.map(({ file }) => file.path);
}
