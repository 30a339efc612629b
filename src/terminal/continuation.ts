/** A here-document's delimiter in `<<WORD`, `<<-WORD`, `<<'WORD'` or `<<"WORD"`. */
const hereDocument = /<<-?\s*(['"]?)([A-Za-z_][\w]*)\1/g;

/** What is still open at the end of some shell text: a quote, `$(`, or the line's end escaped or joined. */
function openAtEnd(text: string): { quote: string | null; depth: number; escaped: boolean } {
  let quote: string | null = null;
  let depth = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (escaped) escaped = false;
    else if (c === '\\' && quote !== "'") escaped = true;
    else if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '$' && text[i + 1] === '(') {
      depth++;
      i++;
    } else if (c === ')' && depth > 0) depth--;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end - 1;
    }
  }
  return { quote, depth, escaped };
}

/** The reserved words that open a compound command, each with the word that closes it. */
const compoundCloser = new Map([
  ['if', 'fi'],
  ['case', 'esac'],
  ['for', 'done'],
  ['while', 'done'],
  ['until', 'done'],
  ['select', 'done'],
  ['{', '}'],
]);
/** Reserved words after which the next word starts a command again (`then echo`, `do aws …`). */
const leadingWords = new Set(['then', 'do', 'else', 'elif', '!', 'if', 'while', 'until', '{']);

/** The text's lines without here-document bodies, and the delimiters still awaited at its end. */
function splitHereDocuments(text: string): { commands: string; waitingFor: string[] } {
  const kept: string[] = [];
  let waitingFor: string[] = [];
  for (const line of text.split('\n')) {
    if (waitingFor.length > 0) {
      if (line.replace(/^\t+/, '') === waitingFor[0]) waitingFor = waitingFor.slice(1);
      continue;
    }
    kept.push(line);
    waitingFor = [...line.matchAll(hereDocument)].map((match) => match[2]!);
  }
  return { commands: kept.join('\n'), waitingFor };
}

/**
 * Whether a compound command (`for … do … done`, `if … fi`, `case … esac`, `{ … }`) is still open: its reserved
 * words count only where a command starts, as in bash, and never inside quotes or comments.
 */
function openCompound(commands: string): boolean {
  const bare = commands
    .replace(/\\[\s\S]/g, 'x')
    .replace(/'[^']*'|"[^"]*"/g, 'x')
    .replace(/(^|\s)#[^\n]*/g, '$1');
  const awaited: string[] = [];
  let commandStart = true;
  for (const token of bare.match(/[;&|()\n]|[^\s;&|()<>]+/g) ?? []) {
    if (/^[;&|()\n]$/.test(token)) commandStart = true;
    else if (commandStart && token === awaited.at(-1)) {
      awaited.pop();
      commandStart = false;
    } else {
      const closer = commandStart ? compoundCloser.get(token) : undefined;
      if (closer) awaited.push(closer);
      commandStart = commandStart && leadingWords.has(token);
    }
  }
  return awaited.length > 0;
}

/**
 * Whether bash would ask for another line (`> `) before running the text: an open quote or `$(`, a line ending in
 * `\`, `|`, `&&` or `||`, an open compound command (`for … do` without its `done`), or a here-document whose
 * delimiter line has not come yet. Multi-line pastes and the lessons' `\`-continued commands and loops run as one
 * command because of it.
 */
export function needsMoreInput(text: string): boolean {
  const open = openAtEnd(text);
  if (open.quote || open.depth > 0 || open.escaped) return true;
  if (/(?:\||&&)\s*$/.test(text)) return true;
  const { commands, waitingFor } = splitHereDocuments(text);
  return waitingFor.length > 0 || openCompound(commands);
}
