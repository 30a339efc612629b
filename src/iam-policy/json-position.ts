/**
 * The character offset of the first JSON syntax error in `text`, or null when it parses. JSON.parse in V8 names a
 * position for some errors only ("Unexpected token" carries a snippet instead), and a learner needs a line and
 * column for every one, so this small scanner follows the JSON grammar just far enough to find where it breaks.
 */
export function jsonErrorOffset(text: string): number | null {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  };
  const expect = (char: string) => {
    if (text[at] !== char) fail();
    at += 1;
  };
  const string = () => {
    expect('"');
    while (at < text.length && text[at] !== '"') {
      if (text[at] === '\\') at += 1;
      else if (text.charCodeAt(at) < 0x20) fail();
      at += 1;
    }
    expect('"');
  };
  const value = (): void => {
    skipSpace();
    const char = text[at];
    if (char === '{') {
      at += 1;
      skipSpace();
      if (text[at] === '}') {
        at += 1;
        return;
      }
      for (;;) {
        skipSpace();
        string();
        skipSpace();
        expect(':');
        value();
        skipSpace();
        if (text[at] === ',') at += 1;
        else {
          expect('}');
          return;
        }
      }
    }
    if (char === '[') {
      at += 1;
      skipSpace();
      if (text[at] === ']') {
        at += 1;
        return;
      }
      for (;;) {
        value();
        skipSpace();
        if (text[at] === ',') at += 1;
        else {
          expect(']');
          return;
        }
      }
    }
    if (char === '"') {
      string();
      return;
    }
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(at));
    if (!literal) fail();
    at += literal![0].length;
  };
  try {
    value();
    skipSpace();
    return at < text.length ? at : null;
  } catch (offset) {
    return offset as number;
  }
}

/**
 * What `JSON.parse` says is wrong, without the position it may add, since the caller gives the line and column
 * itself, and without the copy of the text Chromium quotes. Each browser words it its own way:
 *
 * @example
 * jsonSyntaxProblem('Expected double-quoted property name in JSON at position 95 (line 4 column 51)');
 * // 'Expected double-quoted property name'
 * jsonSyntaxProblem('Unexpected token \']\', "{ "a": [1,] }" is not valid JSON'); // "Unexpected token ']'"
 * jsonSyntaxProblem('JSON.parse: unexpected character at line 1 column 8 of the JSON data'); // 'Unexpected character'
 */
export function jsonSyntaxProblem(message: string): string {
  const problem = message
    .replace(/^JSON\.parse: /, '')
    .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?$/, '')
    .replace(/ at line \d+ column \d+ of the JSON data$/, '')
    .replace(/, ".*" is not valid JSON$/s, '');
  return problem.charAt(0).toUpperCase() + problem.slice(1);
}
