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

/**
 * Whether bash would ask for another line (`> `) before running the text: an open quote or `$(`, a line ending in
 * `\`, `|`, `&&` or `||`, or a here-document whose delimiter line has not come yet. Multi-line pastes and the
 * lessons' `\`-continued commands run as one command because of it.
 */
export function needsMoreInput(text: string): boolean {
  const open = openAtEnd(text);
  if (open.quote || open.depth > 0 || open.escaped) return true;
  if (/(?:\||&&)\s*$/.test(text)) return true;
  const lines = text.split('\n');
  let waitingFor: string[] = [];
  for (const line of lines) {
    if (waitingFor.length > 0) {
      if (line.replace(/^\t+/, '') === waitingFor[0]) waitingFor = waitingFor.slice(1);
      continue;
    }
    waitingFor = [...line.matchAll(hereDocument)].map((match) => match[2]!);
  }
  return waitingFor.length > 0;
}
