/**
 * The text of an INI file (`~/.aws/config`, `~/.aws/credentials`) with `key = value` set in `[section]`, as
 * botocore's config writer edits it: the key's line replaced in place, or a new line after the section's last,
 * or a new section appended at the end. Everything else, comments included, is kept.
 *
 * @example
 * setIniValue('', 'profile edx', 'region', 'us-west-2'); // '[profile edx]\nregion = us-west-2\n'
 */
export function setIniValue(text: string, section: string, key: string, value: string): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const header = lines.findIndex((line) => line.trim() === `[${section}]`);
  if (header < 0) return [...lines, `[${section}]`, `${key} = ${value}`, ''].join('\n');
  let end = header + 1;
  while (end < lines.length && !lines[end]!.trim().startsWith('[')) end++;
  const existing = lines.slice(header + 1, end).findIndex((line) => line.split('=')[0]!.trim() === key);
  if (existing >= 0) lines[header + 1 + existing] = `${key} = ${value}`;
  else {
    let last = end;
    while (last > header + 1 && lines[last - 1]!.trim() === '') last--;
    lines.splice(last, 0, `${key} = ${value}`);
  }
  return [...lines, ''].join('\n');
}
