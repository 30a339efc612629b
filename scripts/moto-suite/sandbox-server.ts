// The sandbox as moto's test suite meets it in server mode (scripts/moto-suite/run.mjs bundles and starts this):
// `awscourse emulator`'s endpoint, in memory, whose root key is the fake one moto's tests sign with, and which
// answers moto's reset endpoint (`POST /moto-api/reset`) by starting again from a fresh state. Some of moto's tests
// freeze the client's clock (freezegun), so their requests are signed in 2012; AWS refuses those as expired, and so
// would the sandbox, so here the sandbox's clock is the request's signed date when that is more than the allowed
// skew away from the real one. The product's own sandbox keeps its published key and its clock; nothing here is
// part of it.
import { maxClockSkewMs } from '../../src/emulator/authenticate';
import { startEmulatorServer } from '../../src/emulator/node-server';
import { createSandbox, type Sandbox } from '../../src/emulator/sandbox';
import { createSandboxState, defaultAccountId, type SandboxState } from '../../src/emulator/state';
import { parseAmzDate } from '../../src/emulator/sigv4';
import { nameRecord } from '../../src/lib/name-record';

/** The credentials moto's `mock_aws` puts in the environment of every test. */
const motoTestKey = { accessKeyId: 'FOOBARKEY', secretAccessKey: 'FOOBARSECRET' };

/** A fresh sandbox whose only key is moto's test key, as the account's root. */
function freshState(): SandboxState {
  const now = new Date();
  const state = createSandboxState(now);
  state.accessKeys = nameRecord([
    [
      motoTestKey.accessKeyId,
      { ...motoTestKey, accountId: defaultAccountId, userName: null, status: 'Active', createDate: now.toISOString() },
    ],
  ]);
  return state;
}

/** When a request was signed: its `X-Amz-Date` header or query parameter, if it has one. */
function signedAt(request: Request): Date | null {
  const amzDate = request.headers.get('x-amz-date') ?? new URL(request.url).searchParams.get('X-Amz-Date');
  return amzDate && /^\d{8}T\d{6}Z$/.test(amzDate) ? parseAmzDate(amzDate) : null;
}

/** The clock of the request being answered: the real one, or the signed date of a request from a frozen client. */
let requestClock: Date | null = null;

function followFrozenClient(request: Request): void {
  const signed = signedAt(request);
  const real = Date.now();
  requestClock = signed && Math.abs(signed.getTime() - real) > maxClockSkewMs ? signed : null;
}

/** Answers moto's reset endpoint itself and hands every other request to the sandbox, on the request's clock. */
function withMotoReset(sandbox: Sandbox): Sandbox {
  return {
    get state() {
      return sandbox.state;
    },
    async handle(request, origin) {
      if (new URL(request.url).pathname !== '/moto-api/reset') {
        followFrozenClient(request);
        return sandbox.handle(request, origin);
      }
      await sandbox.replaceState(freshState());
      return Response.json({ status: 'ok' });
    },
    replaceState: (state) => sandbox.replaceState(state),
    reset: () => sandbox.replaceState(freshState()),
    subscribe: (listener) => sandbox.subscribe(listener),
    update: (mutate) => sandbox.update(mutate),
  };
}

const port = Number(process.argv[2] ?? 5000);
const { url } = await startEmulatorServer({
  sandbox: withMotoReset(createSandbox({ state: freshState(), now: () => requestClock ?? new Date() })),
  port,
  host: '127.0.0.1',
});
process.stdout.write(`sandbox for moto's suite on ${url}\n`);
