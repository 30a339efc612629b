/**
 * How long after Escape a Tab leaves the terminal instead of completing: CodeMirror's own way out of an editor that
 * takes Tab, so the same keys work in the lab's terminal and in any code editor on the page.
 */
export const tabEscapeWindowMs = 2000;

/** A key event as the terminal's key handler sees it. */
export type TerminalKey = Pick<KeyboardEvent, 'type' | 'key'>;

/** What a key does to the way out: whether it leaves the terminal, and until when a Tab would. */
export interface TabEscapeStep {
  /** The browser moves focus with this key (Tab or Shift-Tab), and the terminal does not see it. */
  leaves: boolean;
  /** The time (ms) until which a Tab leaves the terminal; 0 when it does not. */
  armedUntil: number;
}

const modifierKeys = new Set(['Shift', 'Control', 'Alt', 'Meta']);

/**
 * The Escape-then-Tab way out of the terminal (WCAG 2.1.2, no keyboard trap): Escape (still sent to the shell, which
 * ignores it alone) makes a Tab or Shift-Tab pressed within two seconds move focus out, as the browser does on the
 * rest of the page; any other key in between gives Tab back to completion.
 */
export function tabEscapeStep(armedUntil: number, key: TerminalKey, now: number): TabEscapeStep {
  if (key.type !== 'keydown' || modifierKeys.has(key.key)) return { leaves: false, armedUntil };
  if (key.key === 'Escape') return { leaves: false, armedUntil: now + tabEscapeWindowMs };
  return { leaves: key.key === 'Tab' && now <= armedUntil, armedUntil: 0 };
}
