// The page's gallery app (examples/photo-gallery-page/app.py) with 20 photos: the time for GET / through the page's
// servers (sandboxFetch → the app in Pyodide → boto3 → the sandbox), median of 5 after one warm-up request. One page
// lists the bucket, presigns 20 URLs and asks DetectLabels for each of the 20 photos. Loaded by bench/gallery.mjs
// through Vite (the Python sources are bundled with import.meta.glob).
import { readFileSync } from 'node:fs';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createSandbox } from '../src/emulator/sandbox';
import { sandboxRequestHandler } from '../src/emulator/sdk-handler';
import { sandboxRootKey } from '../src/emulator/state';
import { startInShell } from '../tests/terminal/python/served-app';

const photoCount = 20;
const rounds = 5;
const bucket = 'photos-bench';
const samples = ['astronaut.jpg', 'chelsea.jpg', 'coffee.jpg', 'rocket.jpg'];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measure(): Promise<{ ok: boolean; report: string }> {
  const sandbox = createSandbox();
  const s3 = new S3Client({
    region: 'us-west-2',
    credentials: sandboxRootKey,
    requestHandler: sandboxRequestHandler(sandbox),
  });
  await s3.send(
    new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }),
  );
  for (let i = 0; i < photoCount; i++) {
    const name = samples[i % samples.length]!;
    const body = readFileSync(new URL(`../public/sample-photos/${name}`, import.meta.url));
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: `photos/${i}-${name}`, Body: body, ContentType: 'image/jpeg' }),
    );
  }
  const started = performance.now();
  const app = await startInShell(`cd gallery && PHOTOS_BUCKET=${bucket} python3 app.py`, {
    sandbox,
    setup: ['mkdir -p gallery'],
    files: {
      '/home/learner/gallery/app.py': readFileSync(
        new URL('../examples/photo-gallery-page/app.py', import.meta.url),
        'utf8',
      ),
    },
  });
  const startup = performance.now() - started;
  const get = async () => {
    const before = performance.now();
    const page = await (await app.fetch('http://localhost:5000/')).text();
    return { ms: performance.now() - before, images: page.match(/<img /g)?.length ?? 0 };
  };
  const first = await get();
  const times: number[] = [];
  let images = 0;
  for (let round = 0; round < rounds; round++) {
    const answer = await get();
    times.push(answer.ms);
    images = answer.images;
  }
  await app.stop();
  const ms = median(times);
  return {
    ok: images === photoCount,
    report: [
      `| measure (Node ${process.versions.node}) | value |`,
      '| --- | --- |',
      `| \`python3 app.py\` to "Press CTRL+C to quit" (Pyodide loaded in this process) | ${startup.toFixed(0)} ms |`,
      `| first GET / (${photoCount} photos) | ${first.ms.toFixed(0)} ms |`,
      `| GET / with ${photoCount} photos, median of ${rounds} | ${ms.toFixed(0)} ms |`,
      `| … per photo (presign + DetectLabels + markup) | ${(ms / photoCount).toFixed(1)} ms |`,
      `| images on the page | ${images} |`,
    ].join('\n'),
  };
}
