import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { sandboxHandlers } from '../../src/emulator/msw';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/emulator/sandbox';
import { sandboxRootKey } from '../../src/emulator/state';

/** Credentials as the SDK takes them. */
export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  /** For STS's temporary credentials. */
  sessionToken?: string;
}

/** How else the clients reach AWS: an endpoint (a running sandbox server) or a request handler (an in-process one). */
export interface Route {
  endpoint?: string;
  requestHandler?: unknown;
}

/**
 * Real SDK v3 clients for one region and key pair, talking to whatever msw routes `*.amazonaws.com` to, or to the
 * endpoint or request handler `route` names.
 */
export function clientsFor(keys: Keys = sandboxRootKey, region = 'us-west-2', route: Route = {}) {
  const config = {
    region,
    credentials: {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      sessionToken: keys.sessionToken,
    },
    maxAttempts: 1,
    endpoint: route.endpoint,
    ...(route.requestHandler ? { requestHandler: route.requestHandler as never } : {}),
  };
  return {
    ec2: new EC2Client(config),
    iam: new IAMClient(config),
    sts: new STSClient(config),
    s3: new S3Client(config),
    rekognition: new RekognitionClient(config),
    ssm: new SSMClient(config),
    cloudformation: new CloudFormationClient(config),
  };
}

/**
 * Makes every client sign with the sandbox's clock: while each test runs, `Date` (and so the SDK's signing date)
 * starts at `clock()`, since the sandbox refuses requests dated more than 15 minutes from its own time, as AWS does.
 */
export function signWithClock(clock: () => Date): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(clock());
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Servers a test starts on this machine (the photo gallery the exercise-5 and -6 checkers fetch). */
const loopbackUrlPattern = /^http:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?\//;

/**
 * A fresh sandbox per test behind msw's Node interceptor, so tests use the real SDK over real HTTP semantics.
 * Requests to loopback servers go through to them untouched; anything else unhandled is an error.
 * When the options set the sandbox's clock, the clients sign with it too ({@link signWithClock}).
 * Returns a getter: the sandbox of the running test.
 */
export function useSandbox(options: () => SandboxOptions = () => ({})): () => Sandbox {
  let sandbox = createSandbox(options());
  const { now } = options();
  if (now) signWithClock(now);
  const server = setupServer(
    ...sandboxHandlers({
      get state() {
        return sandbox.state;
      },
      handle: (request) => sandbox.handle(request),
      replaceState: (state) => sandbox.replaceState(state),
      reset: () => sandbox.reset(),
      subscribe: (listener) => sandbox.subscribe(listener),
      update: (mutate) => sandbox.update(mutate),
    }),
    http.all(loopbackUrlPattern, () => passthrough()),
  );
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    sandbox = createSandbox(options());
  });
  afterAll(() => server.close());
  return () => sandbox;
}
