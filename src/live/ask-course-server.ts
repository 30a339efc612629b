/** Why the course server gave nothing to show, in words for the panel that asked. */
export interface CourseServerFailure {
  message: string;
  hint?: string;
}

/** How one of the page's live features words what went wrong: where to run instead, and what it waited for. */
export interface CourseServerWords {
  /** When nothing answered: the course is not running on this machine. */
  noServerHint: string;
  /** When this copy of the course has no such endpoint (a static host): how to get one. */
  unavailableHint: string;
  /** What the answer should have held: "a result", "a diagram". */
  awaited: string;
}

/**
 * Asks the course server (`npm start`) for what a live feature shows: its JSON body, or, when there is no server, no
 * such endpoint, no JSON or an `error` in it, the failure to show. The learner's credentials stay in the server.
 *
 * @example askCourseServer<CheckerRun>('/api/verify/', { method: 'POST', body }, verifyWords);
 */
export async function askCourseServer<T>(
  url: string,
  init: RequestInit,
  words: CourseServerWords,
): Promise<{ body: T } | { failure: CourseServerFailure }> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    return { failure: { message: 'The course server did not answer.', hint: words.noServerHint } };
  }
  if (response.status === 404 || response.status === 405)
    return {
      failure: { message: 'Live mode is not available on this copy of the course.', hint: words.unavailableHint },
    };
  const body = (await response.json().catch(() => null)) as (T & { error?: CourseServerFailure }) | null;
  if (!body)
    return { failure: { message: `The course server answered HTTP ${response.status} without ${words.awaited}.` } };
  if (body.error) return { failure: body.error };
  return { body };
}
