import { readFileSync } from 'node:fs';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { beforeEach, describe, expect, it } from 'vitest';
import exercise6, { regionOfUrl } from '../../checkers/exercise-6';
import { shownLabels } from '../../checkers/gallery-page';
import { checkerPolicyDocument } from '../../checkers/policy';
import { runChecker } from '../../checkers/run';
import { clientsFor, useSandbox } from '../emulator/sandbox-clients';
import { closedPortUrl, galleryPage, presign, useGallery } from './gallery-server';
import { check, statusOf } from './results';
import { sandboxAws } from './sandbox-aws';

const start = new Date('2026-11-25T10:00:00Z');
let clock = start;
useSandbox(() => ({ now: () => clock }));
const gallery = useGallery();
beforeEach(() => {
  clock = start;
});

const bucket = 'photos-bucket';

/** Exercise 5's bucket with the two sample photos, a second apart; the sandbox labels them Cat 99.62 and Cup 99.87. */
async function doExercise5(): Promise<S3Client> {
  const { s3 } = clientsFor();
  await s3.send(
    new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }),
  );
  for (const name of ['chelsea', 'coffee']) {
    const body = readFileSync(new URL(`../../public/sample-photos/${name}.jpg`, import.meta.url));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${name}.jpg`, Body: body, ContentType: 'image/jpeg' }));
    clock = new Date(clock.getTime() + 1000);
  }
  return s3;
}

/** Serves the gallery with each key's presigned URL and the label lines given for it. */
async function showLabels(s3: S3Client, labels: Record<string, string[] | undefined>) {
  const photos = await Promise.all(
    Object.entries(labels).map(async ([key, lines]) => ({ key, url: await presign(s3, bucket, key), labels: lines })),
  );
  gallery.serve(galleryPage(photos));
}

const rightLabels = {
  'chelsea.jpg': ['Cat (99.6)', 'Pet (99.6)', 'Abyssinian (71.3)'],
  'coffee.jpg': ['Cup (99.9)', 'Coffee Cup (98.9)', 'Wood (74.6)'],
};

const verify = (params: Record<string, unknown> = {}, aws = sandboxAws()) =>
  runChecker(exercise6, { aws, mode: 'offline', surface: 'cli', params: { bucket, appUrl: gallery.url, ...params } });

describe('the exercise-6 checker against the sandbox and a local gallery', () => {
  it('passes a gallery showing each photo’s DetectLabels labels with one decimal, as the lesson prints them', async () => {
    const s3 = await doExercise5();
    await showLabels(s3, rightLabels);
    const run = await verify();
    expect(run).toMatchObject({ exercise: 'exercise-6', status: 'passed', checkerVersion: '1.0.0' });
    expect(statusOf(run)).toEqual({ 'app-answers': 'pass', 'labels-shown': 'pass', 'labels-agree': 'pass' });
    expect(check(run, 'labels-agree').message).toBe('Every label shown for the 2 photos agrees with DetectLabels.');
  });

  it('accepts percentages, colons, other precisions and labels below the default confidence cut-off', async () => {
    const s3 = await doExercise5();
    await showLabels(s3, {
      'chelsea.jpg': ['Cat 99.62%', 'Pet: 100', 'Kitten (58.4)'],
      'coffee.jpg': ['Labels: Coffee Cup (98.91), Spoon (88.2)'],
    });
    expect((await verify()).status).toBe('passed');
  });

  it('names the first photo shown without labels', async () => {
    const s3 = await doExercise5();
    await showLabels(s3, { 'chelsea.jpg': rightLabels['chelsea.jpg'], 'coffee.jpg': undefined });
    const run = await verify();
    expect(check(run, 'labels-shown')).toMatchObject({
      status: 'fail',
      message:
        'The page shows no label with a confidence after coffee.jpg (it shows: coffee.jpg / 2026-11-25 ' +
        '10:00:00+00:00).',
    });
    expect(check(run, 'labels-agree').status).toBe('skip');
  });

  it('names a label Rekognition does not give the photo, with what it does give', async () => {
    const s3 = await doExercise5();
    await showLabels(s3, { ...rightLabels, 'chelsea.jpg': ['Dog (98.7)'] });
    const run = await verify();
    expect(check(run, 'labels-agree')).toMatchObject({
      status: 'fail',
      message: 'chelsea.jpg shows "Dog (98.7)" but Rekognition says Cat 99.6, Pet 99.6, Animal 99.6.',
    });
  });

  it('names a confidence that differs from Rekognition’s beyond the page’s rounding', async () => {
    const s3 = await doExercise5();
    await showLabels(s3, { ...rightLabels, 'coffee.jpg': ['Cup (99.9)', 'Coffee Cup (98.7)'] });
    const run = await verify();
    expect(check(run, 'labels-agree')).toMatchObject({
      status: 'fail',
      message: 'coffee.jpg shows "Coffee Cup (98.7)" but Rekognition says Coffee Cup 98.9.',
    });
    expect(check(run, 'labels-agree').hint).toContain("label['Confidence']");
  });

  it('fails a photo Rekognition cannot read, saying why', async () => {
    const s3 = await doExercise5();
    await showLabels(s3, { ...rightLabels, 'photos/gone.jpg': ['Cat (99.6)'] });
    const run = await verify();
    expect(check(run, 'labels-agree').message).toMatch(
      /^Rekognition could not label photos\/gone\.jpg: InvalidS3ObjectException: Unable to get object metadata from S3/,
    );
  });

  it('fails when the page shows no photos', async () => {
    await doExercise5();
    const run = await verify();
    expect(check(run, 'labels-shown')).toMatchObject({
      status: 'fail',
      message: `The gallery at ${gallery.url} shows no photos.`,
    });
  });

  it('labels at most twelve photos, since each DetectLabels call is billed', async () => {
    const s3 = await doExercise5();
    const url = await presign(s3, bucket, 'chelsea.jpg');
    gallery.serve(galleryPage(Array.from({ length: 13 }, () => ({ key: 'chelsea.jpg', url, labels: ['Cat (99.6)'] }))));
    const run = await verify();
    expect(check(run, 'labels-shown').message).toBe(
      'All 12 photos show labels with confidences (the first 12 of 13 checked).',
    );
  });

  it('tells the learner to start the app when nothing answers', async () => {
    await doExercise5();
    const down = await closedPortUrl();
    const run = await verify({ appUrl: down });
    expect(check(run, 'app-answers')).toMatchObject({
      status: 'fail',
      message: `Nothing answers at ${down} (ECONNREFUSED).`,
    });
    expect(statusOf(run)).toMatchObject({ 'labels-shown': 'skip', 'labels-agree': 'skip' });
  });

  it('passes with nothing but its declared permissions, Rekognition reading the photos as the checking user', async () => {
    const s3 = await doExercise5();
    await showLabels(s3, rightLabels);
    const { iam } = clientsFor();
    await iam.send(new CreateUserCommand({ UserName: 'checker' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'checker',
        PolicyName: 'checker',
        PolicyDocument: checkerPolicyDocument([exercise6 as never]),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'checker' }))).AccessKey!;
    expect(
      (await verify({}, sandboxAws({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }))).status,
    ).toBe('passed');
  });

  it('refuses to run without a bucket name', async () => {
    await expect(
      runChecker(exercise6, { aws: sandboxAws(), mode: 'offline', surface: 'cli', params: {} }),
    ).rejects.toThrow('exercise-6 cannot run: Photo bucket (bucket) missing.');
  });
});

describe('reading labels off the page', () => {
  it('reads the lesson’s format and its common variants, one or several per line', () => {
    expect(
      shownLabels('Dog (98.7)\nCat 99.62%\nCoffee Cup: 98\nT-Shirt ( 75.5 % )\nLabels: Sky (89.3), Night (95.1)'),
    ).toEqual([
      { text: 'Dog (98.7)', name: 'Dog', confidence: 98.7, decimals: 1 },
      { text: 'Cat 99.62%', name: 'Cat', confidence: 99.62, decimals: 2 },
      { text: 'Coffee Cup: 98', name: 'Coffee Cup', confidence: 98, decimals: 0 },
      { text: 'T-Shirt ( 75.5 % )', name: 'T-Shirt', confidence: 75.5, decimals: 1 },
      { text: 'Sky (89.3)', name: 'Sky', confidence: 89.3, decimals: 1 },
      { text: 'Night (95.1)', name: 'Night', confidence: 95.1, decimals: 1 },
    ]);
  });

  it('takes no key, timestamp or out-of-range number for a label', () => {
    expect(
      shownLabels('photos/0a1b-chelsea.jpg\n2026-11-25 10:00:00+00:00\n2026-11-25T10:00:00Z\nPhoto (2048)\nDog 98.7'),
    ).toEqual([]);
  });

  it('finds the region a presigned URL was signed for, else the one its host names', () => {
    expect(
      regionOfUrl('https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA%2F20261125%2Feu-west-1%2Fs3%2Faws4_request'),
    ).toBe('eu-west-1');
    expect(regionOfUrl('https://b.s3.us-west-2.amazonaws.com/k')).toBe('us-west-2');
    expect(regionOfUrl('https://s3-ap-south-1.amazonaws.com/b/k')).toBe('ap-south-1');
    expect(regionOfUrl('https://b.s3.dualstack.eu-central-1.amazonaws.com/k')).toBe('eu-central-1');
    expect(regionOfUrl('https://b.s3.amazonaws.com/k')).toBeNull();
    expect(regionOfUrl('/static/k.jpg')).toBeNull();
  });
});
