/** An `--exclude` or `--include` of the s3 commands, with its Unix shell-style pattern. */
export interface PathFilter {
  kind: 'exclude' | 'include';
  pattern: string;
}

/** A shell-style pattern as a regular expression: `*` spans `/` too, `?` is one character, `[…]`/`[!…]` a set. */
function patternExpression(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const close = c === '[' ? pattern.indexOf(']', i + 2) : -1;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (close !== -1) {
      const set = pattern.slice(i + 1, close).replace(/\\/g, '\\\\');
      source += set.startsWith('!') ? `[^${set.slice(1)}]` : `[${set}]`;
      i = close;
    } else source += c.replace(/[.+^${}()|\\/[\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/**
 * Whether a path (relative to the command's source or destination) is taken, by the CLI's rule: everything is,
 * then each filter in turn that matches the path includes or excludes it, the last one deciding.
 *
 * @example isIncluded('photos/a.jpg', [{ kind: 'exclude', pattern: '*' }, { kind: 'include', pattern: '*.jpg' }]) // true
 */
export function isIncluded(path: string, filters: readonly PathFilter[]): boolean {
  let included = true;
  for (const filter of filters) if (patternExpression(filter.pattern).test(path)) included = filter.kind === 'include';
  return included;
}
