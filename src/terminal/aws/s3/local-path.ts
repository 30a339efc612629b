/** Joins path parts with `/`, dropping empty parts and `.` segments and resolving `..`. */
export function joinPath(...parts: string[]): string {
  const absolute = parts[0]?.startsWith('/') ?? false;
  const segments: string[] = [];
  for (const segment of parts.join('/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && segments.length > 0 && segments.at(-1) !== '..') segments.pop();
    else segments.push(segment);
  }
  return (absolute ? '/' : '') + segments.join('/');
}

/**
 * A local file as the CLI's s3 commands name it in their messages: relative to the working directory, `./` before a
 * file that is right there (`./cat.jpg`, `dir/a.txt`, `../x.jpg`).
 */
export function displayPath(path: string, cwd: string): string {
  const absolute = path.startsWith('/') ? joinPath(path) : joinPath(cwd, path);
  const slash = absolute.lastIndexOf('/');
  const directory = absolute.slice(0, slash) || '/';
  const name = absolute.slice(slash + 1);
  const from = joinPath(cwd).split('/').filter(Boolean);
  const to = directory.split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const relative = [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
  return `${relative || '.'}/${name}`;
}
