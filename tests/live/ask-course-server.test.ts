import { afterEach, describe, expect, it, vi } from 'vitest';
import { askCourseServer } from '../../src/live/ask-course-server';

const words = { noServerHint: 'Start it: npm start.', unavailableHint: 'Run it yourself.', awaited: 'a diagram' };
const answering = (response: Response | Error) =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => (response instanceof Error ? Promise.reject(response) : response)),
  );

afterEach(() => vi.unstubAllGlobals());

describe('asking the course server for a live feature', () => {
  it('gives the JSON body of an answer', async () => {
    answering(Response.json({ account: '123456789012' }));
    expect(await askCourseServer('/api/diagram/', {}, words)).toEqual({ body: { account: '123456789012' } });
  });

  it('says the server did not answer when nothing does', async () => {
    answering(new TypeError('Failed to fetch'));
    expect(await askCourseServer('/api/diagram/', {}, words)).toEqual({
      failure: { message: 'The course server did not answer.', hint: 'Start it: npm start.' },
    });
  });

  it('says live mode is not available where the endpoint is not (a static host)', async () => {
    for (const status of [404, 405]) {
      answering(new Response('not here', { status }));
      expect(await askCourseServer('/api/diagram/', {}, words)).toEqual({
        failure: { message: 'Live mode is not available on this copy of the course.', hint: 'Run it yourself.' },
      });
    }
  });

  it("passes on the server's own error, and names an answer that is not JSON", async () => {
    answering(Response.json({ error: { message: 'No AWS credentials.', hint: 'aws configure' } }, { status: 401 }));
    expect(await askCourseServer('/api/diagram/', {}, words)).toEqual({
      failure: { message: 'No AWS credentials.', hint: 'aws configure' },
    });
    answering(new Response('<html>', { status: 502 }));
    expect(await askCourseServer('/api/diagram/', {}, words)).toEqual({
      failure: { message: 'The course server answered HTTP 502 without a diagram.' },
    });
  });
});
