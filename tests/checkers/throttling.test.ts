import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckerAws } from '../../checkers/aws-clients';
import exercise3 from '../../checkers/exercise-3';
import { runChecker } from '../../checkers/run';
import { awsUrlPattern } from '../../src/emulator/msw';
import { createSandbox } from '../../src/emulator/sandbox';
import { sandboxRootKey } from '../../src/emulator/state';

const sandbox = createSandbox();
let throttleNext = 0;
let describeVpcsCalls = 0;

const throttled = () =>
  new Response(
    '<?xml version="1.0" ' +
      'encoding="UTF-8"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit ' +
      'exceeded.</Message></Error></Errors><RequestID>1</RequestID></Response>',
    {
      status: 503,
      headers: { 'content-type': 'text/xml' },
    },
  );

const server = setupServer(
  http.all(awsUrlPattern, async ({ request }) => {
    const body = await request.clone().text();
    if (body.includes('Action=DescribeVpcs') && request.url.includes('us-west-2')) {
      describeVpcsCalls++;
      if (throttleNext > 0) {
        throttleNext--;
        return throttled();
      }
    }
    return sandbox.handle(request);
  }),
);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

/** Fast retries, so the test does not wait for the SDK's real back-off. */
const aws = () => createCheckerAws({ region: 'us-west-2', credentials: sandboxRootKey, maxAttempts: 3 });

describe('checkers under throttling', () => {
  it('ride out a brief throttle through the SDK’s retries', async () => {
    throttleNext = 2;
    describeVpcsCalls = 0;
    const run = await runChecker(exercise3, { aws: aws(), mode: 'offline', surface: 'cli' });
    expect(run.status).toBe('failed'); // an empty account: the VPC is missing, which is an answer, not an error
    expect(run.checks[0]!.id).toBe('vpc');
    expect(describeVpcsCalls).toBe(3);
  }, 30_000);

  it('give up after a bounded number of attempts and say AWS is throttling', async () => {
    throttleNext = 1000;
    describeVpcsCalls = 0;
    const run = await runChecker(exercise3, { aws: aws(), mode: 'offline', surface: 'cli' });
    expect(run).toMatchObject({ status: 'error', problem: 'throttled' });
    expect(run.checks[0]!.message).toContain('throttling');
    expect(describeVpcsCalls).toBe(3);
    throttleNext = 0;
  }, 30_000);
});
