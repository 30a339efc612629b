/**
 * The Verify attempts whose marks belong on a drawing of `regions` in `mode`: the same mode (the sandbox's results say
 * nothing of the learner's own account, nor the other way round), and a region drawn when the attempt names one. Its
 * own small module, so that the page's island takes it without the model.
 *
 * @example attemptsOfDrawing(progress.attempts, 'offline', ['us-west-2']);
 */
export function attemptsOfDrawing<A extends { mode: string; region?: string }>(
  attempts: readonly A[],
  mode: 'offline' | 'live',
  regions: readonly string[],
): A[] {
  return attempts.filter((a) => a.mode === mode && (a.region === undefined || regions.includes(a.region)));
}
