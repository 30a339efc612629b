/**
 * What the number of statements waiting means, in a sentence for the learner.
 *
 * @example waitingMessage(3); // '3 statements are waiting to be sent.'
 */
export function waitingMessage(waiting: number): string {
  if (waiting === 0) return 'Everything has been sent.';
  return `${waiting === 1 ? '1 statement is' : `${waiting} statements are`} waiting to be sent.`;
}
