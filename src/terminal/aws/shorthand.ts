/** A value shorthand syntax produces: text, a list, or an object of them. */
export type ShorthandValue = string | ShorthandValue[] | { [key: string]: ShorthandValue };

const escapedComma = '(\\\\,)';
const startWord = '!#-&(-+\\--<>-Z\\\\-z|-\\uffff';
/** A first value may go on with `=`, `[`, `{`: `Values=a=b`. It stops at a comma, quote, `]` or `}`. */
const firstValue = new RegExp(`^(${escapedComma}|[${startWord}])(${escapedComma}|[\\s!#-&(-+\\--\\\\^-|~-\\uffff])*`);
/** A later value in a comma list stops at `=`, so `Values=a,b,Name=c` backs off to start the next key. */
const secondValue = new RegExp(`^(${escapedComma}|[${startWord}])(${escapedComma}|[\\s!#-&(-+\\--<>-\\uffff])*`);
const singleQuoted = /^'(?:\\\\|\\'|[^'])*'/;
const doubleQuoted = /^"(?:\\\\|\\"|[^"])*"/;
const keyCharacters = /[A-Za-z0-9\-_.#/:]/;

class ShorthandSyntaxError {
  constructor(readonly message: string) {}
}

/** Where parsing stopped: the input with a caret under the position, as the CLI shows it. */
function errorLocation(value: string, index: number): string {
  let consumed = value;
  let remaining = '';
  let spaces = index;
  const before = value.slice(0, index);
  if (before.includes('\n')) spaces = index - before.lastIndexOf('\n') - 1;
  const after = value.slice(index).indexOf('\n');
  if (after >= 0) {
    consumed = value.slice(0, index + after);
    remaining = value.slice(index + after);
  }
  return `${consumed}\n${' '.repeat(spaces)}^${remaining}`;
}

/** A recursive-descent parser over one shorthand string, following the CLI's grammar. */
class ShorthandParser {
  private index = 0;
  constructor(private readonly input: string) {}

  parameter(): Record<string, ShorthandValue> {
    const params: Record<string, ShorthandValue> = {};
    let [key, value] = this.keyValue();
    params[key] = value;
    let lastIndex = this.index;
    while (this.index < this.input.length) {
      this.expect(',', true);
      [key, value] = this.keyValue();
      if (Object.hasOwn(params, key))
        throw new ShorthandSyntaxError(
          `Second instance of key "${key}" encountered for input:\n${errorLocation(this.input, lastIndex + 1)}\n` +
            'This is often because there is a preceding "," instead of a space.',
        );
      params[key] = value;
      lastIndex = this.index;
    }
    return params;
  }

  private keyValue(): [string, ShorthandValue] {
    const key = this.key();
    this.expect('=', true);
    return [key, this.values()];
  }

  private key(): string {
    const start = this.index;
    while (!this.atEnd() && keyCharacters.test(this.current())) this.index++;
    return this.input.slice(start, this.index);
  }

  private values(): ShorthandValue {
    if (this.atEnd()) return '';
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.csvValue();
  }

  private csvValue(): ShorthandValue {
    const first = this.firstValue();
    this.skipWhitespace();
    if (this.atEnd() || this.current() !== ',') return first;
    this.expect(',', true);
    const list: string[] = [first];
    while (true) {
      try {
        const next = this.secondValue();
        this.skipWhitespace();
        if (this.atEnd()) {
          list.push(next);
          break;
        }
        this.expect(',', true);
        list.push(next);
      } catch (error) {
        if (!(error instanceof ShorthandSyntaxError) || this.atEnd()) throw error;
        while (this.index >= 0 && this.input[this.index] !== ',') this.index--;
        break;
      }
    }
    return list.length === 1 ? first : list;
  }

  private explicitList(): ShorthandValue[] {
    this.expect('[', true);
    const values: ShorthandValue[] = [];
    while (this.current() !== ']') {
      values.push(this.explicitValue());
      this.skipWhitespace();
      if (this.current() !== ']') {
        this.expect(',');
        this.skipWhitespace();
      }
    }
    this.expect(']');
    return values;
  }

  private explicitValue(): ShorthandValue {
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.firstValue();
  }

  private hashLiteral(): Record<string, ShorthandValue> {
    this.expect('{', true);
    const entries: Record<string, ShorthandValue> = {};
    while (this.current() !== '}') {
      const key = this.key();
      this.expect('=', true);
      const value = this.explicitValue();
      this.skipWhitespace();
      if (this.current() !== '}') {
        this.expect(',');
        this.skipWhitespace();
      }
      entries[key] = value;
    }
    this.expect('}');
    return entries;
  }

  private firstValue(): string {
    if (this.current() === "'") return this.quoted(singleQuoted, "'");
    if (this.current() === '"') return this.quoted(doubleQuoted, '"');
    const match = firstValue.exec(this.input.slice(this.index));
    if (!match) return '';
    this.index += match[0].length;
    return match[0].replaceAll('\\,', ',').trimEnd();
  }

  private secondValue(): string {
    if (this.current() === "'") return this.quoted(singleQuoted, "'");
    if (this.current() === '"') return this.quoted(doubleQuoted, '"');
    return this.consume(secondValue, 'second').replaceAll('\\,', ',').trimEnd();
  }

  private quoted(pattern: RegExp, quote: string): string {
    const name = quote === "'" ? 'singled quoted' : 'double quoted';
    return this.consume(pattern, name).slice(1, -1).replaceAll(`\\${quote}`, quote).replaceAll('\\\\', '\\');
  }

  private consume(pattern: RegExp, name: string): string {
    const match = pattern.exec(this.input.slice(this.index));
    if (!match) throw this.syntaxError(`<${name}>`, '<none>');
    this.index += match[0].length;
    return match[0];
  }

  private expect(char: string, skipWhitespace = false): void {
    if (skipWhitespace) this.skipWhitespace();
    if (this.atEnd()) throw this.syntaxError(char, 'EOF');
    if (this.current() !== char) throw this.syntaxError(char, this.current());
    this.index++;
    if (skipWhitespace) this.skipWhitespace();
  }

  private syntaxError(expected: string, actual: string): ShorthandSyntaxError {
    return new ShorthandSyntaxError(
      `Expected: '${expected}', received: '${actual}' for input:\n${errorLocation(this.input, this.index)}`,
    );
  }

  private current(): string {
    return this.input[this.index] ?? '';
  }

  private atEnd(): boolean {
    return this.index >= this.input.length;
  }

  private skipWhitespace(): void {
    while (!this.atEnd() && /\s/.test(this.current())) this.index++;
  }
}

/**
 * Parses the CLI's shorthand syntax into plain values, without a model (the caller coerces them to the schema).
 *
 * @example
 * parseShorthand('Name=vpc-id,Values=vpc-1,vpc-2'); // { value: { Name: 'vpc-id', Values: ['vpc-1', 'vpc-2'] } }
 * parseShorthand('ResourceType=vpc,Tags=[{Key=Name,Value=x}]');
 */
export function parseShorthand(input: string): { value: Record<string, ShorthandValue> } | { error: string } {
  try {
    return { value: new ShorthandParser(input).parameter() };
  } catch (error) {
    if (error instanceof ShorthandSyntaxError) return { error: error.message };
    throw error;
  }
}
