import type { EditorSession } from './editor-file';

/** What the shell's commands need from the terminal around it; each part is absent where no page can provide it. */
export interface TerminalIo {
  /** Asks a question and resolves with the line typed (`aws configure`); absent when no one can answer. */
  prompt?(question: string): Promise<string | undefined>;
  /** Writes to the terminal at once, while the command still runs (Python's interactive interpreter). */
  write?(text: string): void;
  /** The terminal's columns, for `--output table`. */
  columns?: number;
  /** Opens the editor on a file over the terminal and resolves when the learner closes it (`nano`, `vi`). */
  edit?(session: EditorSession): Promise<void>;
  /** Shows a URL in the page's web preview panel (`xdg-open`, `open`). */
  show?(url: string): void;
}
