/**
 * Authored text in which `backticks` mark code: each code span renders as `<code>`, the rest as text. Both go through
 * Preact as text, never as HTML, so a `<` in a choice shows as itself. A lone backtick stays as typed. Empty pieces
 * are left out: an empty text node has nothing to hydrate against and would take the next piece's server text.
 *
 * @example
 * <CodeText text="Why does `curl` answer 401?" /> // Why does <code>curl</code> answer 401?
 */
export default function CodeText({ text }: { text: string }) {
  const pieces = text.split(/`([^`]+)`/);
  return <>{pieces.map((piece, index) => (index % 2 === 1 ? <code>{piece}</code> : piece || null))}</>;
}
