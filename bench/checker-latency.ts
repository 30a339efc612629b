// Each checker's wall time against the sandbox behind msw with a fixed 100 ms delay on every AWS call, and the
// number of calls it makes. Calls made in parallel overlap, so a checker that collects in one round trip takes
// about 100 ms whatever its call count. Built by bench/run.mjs with esbuild (the checkers are TypeScript).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { DeleteAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { createCheckerAws } from '../checkers/aws-clients';
import { checkers } from '../checkers/index';
import { runChecker } from '../checkers/run';
import { awsUrlPattern } from '../src/emulator/msw';
import { createSandbox } from '../src/emulator/sandbox';
import { sandboxFetch, sandboxRequestHandler } from '../src/emulator/sdk-handler';
import { sandboxRootKey } from '../src/emulator/state';
import { doExercise4 } from '../tests/checkers/course-steps';

const latencyMs = 100;
const budgetMs = 2 * latencyMs;

/** A local stand-in for the learner's gallery app: both photos, presigned, oldest first, with their labels. */
async function serveGallery(s3: S3Client): Promise<string> {
  const photos = [
    { key: 'chelsea.jpg', labels: ['Cat (99.6)', 'Pet (99.6)'] },
    { key: 'coffee.jpg', labels: ['Cup (99.9)', 'Espresso (96.0)'] },
  ];
  const items = await Promise.all(
    photos.map(async ({ key, labels }) => {
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'photos-bucket', Key: key }), {
        expiresIn: 3600,
      });
      return `<li><img src="${url.replace(/&/g, '&amp;')}" data-key="${key}"><p>${key}</p><ul>${labels.map((l) => `<li>${l}</li>`).join('')}</ul></li>`;
    }),
  );
  const html = `<!doctype html><html><body><ul class="photos">${items.join('')}</ul></body></html>`;
  const server = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end(html),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

export async function run(): Promise<{ ok: boolean; report: string }> {
  const sandbox = createSandbox();
  let calls = 0;
  const server = setupServer(
    http.all(awsUrlPattern, async ({ request }) => {
      calls++;
      await delay(latencyMs);
      return sandbox.handle(request);
    }),
  );
  server.listen({ onUnhandledFrame: 'bypass' });
  try {
    // Seed the account without the delay: the same sandbox, in-process, with the exercises done as the tests do them.
    const config = {
      region: 'us-west-2',
      credentials: sandboxRootKey,
      requestHandler: sandboxRequestHandler(sandbox) as never,
    };
    const iam = new IAMClient(config);
    const { keys } = await doExercise4({
      ec2: new EC2Client(config),
      iam,
      cloudformation: new CloudFormationClient(config),
    } as Parameters<typeof doExercise4>[0]);
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'edXProjectUser', AccessKeyId: keys.accessKeyId }));
    const seed = new S3Client(config);
    await seed.send(
      new CreateBucketCommand({
        Bucket: 'photos-bucket',
        CreateBucketConfiguration: { LocationConstraint: 'us-west-2' },
      }),
    );
    for (const name of ['chelsea', 'coffee']) {
      const body = readFileSync(join(process.cwd(), 'public/sample-photos', `${name}.jpg`)); // npm runs benches from the root
      await seed.send(
        new PutObjectCommand({ Bucket: 'photos-bucket', Key: `${name}.jpg`, Body: body, ContentType: 'image/jpeg' }),
      );
      await delay(5); // distinct LastModified times, oldest first
    }
    const aws = createCheckerAws({ region: 'us-west-2', credentials: sandboxRootKey, maxAttempts: 1 });
    const galleryUrl = await serveGallery(seed);
    const params: Record<string, Record<string, unknown>> = {
      'exercise-5': { bucket: 'photos-bucket', appUrl: galleryUrl },
      'exercise-6': { bucket: 'photos-bucket', appUrl: galleryUrl },
    };
    // Offline Verify runs the same checkers in-process against the sandbox, without any network: its own budget.
    const offline = createCheckerAws({
      region: 'us-west-2',
      credentials: sandboxRootKey,
      requestHandler: sandboxRequestHandler(sandbox),
      maxAttempts: 1,
    });
    const offlineMs: Record<string, number> = {};
    for (const [id, checker] of Object.entries(checkers)) {
      const offlineOptions = {
        aws: offline,
        mode: 'offline' as const,
        surface: 'cli' as const,
        params: params[id] ?? {},
        fetch: sandboxFetch(sandbox),
      };
      await runChecker(checker, offlineOptions);
      const started = performance.now();
      await runChecker(checker, offlineOptions);
      offlineMs[id] = performance.now() - started;
    }
    const rows: string[] = [];
    let ok = true;
    for (const [id, checker] of Object.entries(checkers)) {
      await runChecker(checker, { aws, mode: 'offline', surface: 'cli', params: params[id] ?? {} }); // warm-up: module and SDK set-up
      calls = 0;
      const started = performance.now();
      const result = await runChecker(checker, { aws, mode: 'offline', surface: 'cli', params: params[id] ?? {} });
      const wall = performance.now() - started;
      const rounds = wall / latencyMs;
      ok &&= wall <= budgetMs;
      rows.push(
        `| ${id} | ${result.status} | ${calls} | ${wall.toFixed(0)} ms | ${rounds.toFixed(1)} | ` +
          `${wall <= budgetMs ? 'within' : '**over**'} | ${offlineMs[id]!.toFixed(0)} ms |`,
      );
    }
    const report = [
      `Every AWS call answered by the sandbox after a fixed ${latencyMs} ms (msw); budget ${budgetMs} ms per checker. ` +
        `The account has`,
      "exercises 3 and 4 done and the user's key deleted, a bucket with two photos, and a local stand-in for the gallery app",
      'serving them (presigned, oldest first, with labels), so every checker takes its passing path.',
      '',
      '| checker | result | AWS calls | wall time | round trips (wall / 100 ms) | budget | in-process, no delay ' +
        '(offline Verify) |',
      '| --- | --- | ---: | ---: | ---: | --- | ---: |',
      ...rows,
    ].join('\n');
    return { ok, report };
  } finally {
    server.close();
  }
}
