// `awscourse report` on a large class: 10,000 progress files in a temporary folder, read, merged, printed as the
// table and written out as the HTML dashboard, CSV and xAPI statements. Each learner visited the 19 lessons, answered
// the 19 quizzes and pressed Verify 10 to 40 times, every attempt with its exercise's 3 to 8 checks (messages, hints
// for failures, evidence): a few tens of kB per file, as a term's progress gives. A hundred learners downloaded twice
// (the earlier file holds half the attempts; every other one is from before they gave their roster id), and fifty
// files are broken (cut off, not JSON, another program's JSON, an unknown exercise). The files come from a seeded
// generator, so every run reads the same class. Reports each run's wall time, CPU time and peak resident memory (GNU
// time's, or the child's own figure without it): the table alone, `--html`, the Canvas gradebook, the tidy CSV and
// `--xapi`. Budget: under 5 s and 500 MB for the table, the dashboard and the gradebook, which the bench holds the
// report to; the tidy CSV and the statements, which read every file twice and write hundreds of MB or more, are
// measured against it too. BENCH_FILES sets a smaller class for a quick look.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A class of `files` files: a hundredth of its learners downloaded twice, one file in two hundred broken. */
const twiceIn = (files) => Math.round(files / 100);
const brokenIn = (files) => Math.round(files / 200);
const totalFiles = Number(process.env.BENCH_FILES ?? 10_000);
const twiceDownloaded = twiceIn(totalFiles);
const brokenFiles = brokenIn(totalFiles);
const budget = { seconds: 5, megabytes: 500 };

/** A small seeded generator (mulberry32), so the class is the same on every run. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seeded(20261204);
const between = (low, high) => low + Math.floor(random() * (high - low + 1));
const pick = (items) => items[Math.floor(random() * items.length)];
const hex = (length) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');

const lessons = [
  'week-1/shared-responsibility',
  'week-1/regions-and-zones',
  'week-1/service-scope',
  'week-1/iam-basics',
  'week-1/cidr',
  'week-1/vpc-and-subnets',
  'week-1/routing',
  'week-1/ec2-and-virtualization',
  'week-1/cloudformation',
  'week-1/exercise-3',
  'week-2/apis-and-sdks',
  'week-2/dev-environments',
  'week-2/iam-users-and-policies',
  'week-2/s3-basics',
  'week-2/s3-access-control',
  'week-2/exercise-4',
  'week-2/exercise-5',
  'week-2/exercise-6',
  'week-2/key-cleanup',
];

/**
 * Each exercise's checks, modelled on the course's checkers: an id, a title, what a pass and a failure say about the
 * learner's resources (`r` holds their ids), the hint of a failure, and the evidence.
 */
const exercises = {
  'exercise-3': [
    [
      'vpc',
      'The course VPC exists',
      (r) => `VPC ${r.vpc} (10.0.0.0/16) is available, tagged Name=course-vpc.`,
      (r) => `No VPC tagged Name=course-vpc in ${r.region}; found ${r.vpc} without the tag.`,
      'Create the stack from the lesson’s template, or tag your VPC Name=course-vpc.',
      (r) => ({ vpcId: r.vpc }),
    ],
    [
      'subnet-ranges',
      'The subnets use the lesson’s ranges',
      (r) => `${r.publicSubnet} is 10.0.1.0/24 and ${r.privateSubnet} is 10.0.2.0/24, inside ${r.vpc}.`,
      (r) => `${r.publicSubnet} is 10.0.${between(3, 9)}.0/24; the lesson asks for 10.0.1.0/24.`,
      'Delete the subnet and create it again with the range from the lesson; a subnet’s range cannot change.',
      (r) => ({ subnetIds: [r.publicSubnet, r.privateSubnet] }),
    ],
    [
      'public-subnet',
      'The public subnet routes to the internet',
      (r) => `${r.publicSubnet} routes 0.0.0.0/0 to ${r.gateway}.`,
      (r) => `${r.publicSubnet}’s route table ${r.routeTable} has no route to an internet gateway.`,
      'Add a route 0.0.0.0/0 → the internet gateway to the public subnet’s route table.',
      (r) => ({ subnetId: r.publicSubnet, routeTableId: r.routeTable }),
    ],
    [
      'private-subnet',
      'The private subnet stays private',
      (r) => `${r.privateSubnet} has no route to the internet.`,
      (r) => `${r.privateSubnet} routes 0.0.0.0/0 to ${r.gateway}, so it is public.`,
      'Give the private subnet its own route table without the internet route.',
      (r) => ({ subnetId: r.privateSubnet }),
    ],
    [
      'security-group',
      'The web server’s security group',
      (r) => `${r.group} allows SSH (22) and HTTP (80) in.`,
      (r) => `${r.group} allows port 22 only; the web server needs 80 too.`,
      'Add an inbound rule for HTTP (80) from 0.0.0.0/0 to exercise3-sg.',
      (r) => ({ groupId: r.group }),
    ],
    [
      'instance',
      'The web server ran in the public subnet',
      (r) => `${r.instance} ran in ${r.publicSubnet} with ${r.group} and is now terminated, as the exercise ends.`,
      (r) => `${r.instance} is in ${r.privateSubnet}, not the public subnet.`,
      'Launch the instance in the public subnet, with a public IP address.',
      (r) => ({ instanceId: r.instance, subnetId: r.publicSubnet }),
    ],
    [
      'identity-document',
      'The identity document matches',
      (r) => `The identity document matches ${r.instance} (account, region and zone too).`,
      () => 'No identity document was pasted; this check is optional.',
      undefined,
      (r) => ({ instanceId: r.instance }),
    ],
  ],
  'exercise-4': [
    [
      'policy-exists',
      'The policy exists',
      (r) => `Policy ${r.policy} exists (version v${between(1, 4)}).`,
      () => 'No customer managed policy named CoursePolicy.',
      'Create the policy from the JSON in the lesson.',
      (r) => ({ policyArn: r.policy }),
    ],
    [
      'policy-valid',
      'The policy is a valid IAM policy',
      () => 'The policy document parses and every statement has an Effect, Action and Resource.',
      () => 'Statement 2 has no Resource.',
      'Add "Resource": "*" or the ARN the lesson gives.',
      undefined,
    ],
    [
      'policy-grants',
      'The policy grants what exercises 4 to 6 need',
      () => 'The policy allows s3:PutObject, s3:GetObject and s3:ListBucket on the course bucket.',
      () => 'The policy does not allow s3:PutObject on arn:aws:s3:::course-photos-*/*.',
      'Add s3:PutObject to the statement on the bucket’s objects.',
      (r) => ({ bucket: r.bucket }),
    ],
    [
      'policy-not-admin',
      'The policy does not allow everything',
      () => 'No statement allows "*" on "*".',
      () => 'Statement 1 allows "Action": "*" on "Resource": "*".',
      'Remove the administrator statement: the exercise asks for least privilege.',
      undefined,
    ],
    [
      'user-exists',
      'The user exists',
      (r) => `User ${r.user} exists.`,
      () => 'No IAM user named course-user.',
      'Create the user course-user in the IAM console.',
      (r) => ({ userName: r.user }),
    ],
    [
      'policy-attached',
      'The policy is attached to the user',
      (r) => `${r.policy} is attached to ${r.user}.`,
      (r) => `${r.user} has no policy attached.`,
      'Attach CoursePolicy to course-user.',
      (r) => ({ userName: r.user }),
    ],
    [
      'no-console-password',
      'The user has no console password',
      (r) => `${r.user} signs in with access keys only.`,
      (r) => `${r.user} has a console password.`,
      'Delete the user’s login profile: the exercise uses access keys.',
      undefined,
    ],
    [
      'access-key',
      'The user has one active access key',
      (r) => `${r.user} has one active access key, ${r.key}.`,
      (r) => `${r.user} has two active access keys.`,
      'Deactivate the key you no longer use.',
      (r) => ({ accessKeyId: r.key }),
    ],
  ],
  'exercise-5': [
    [
      'bucket-exists',
      'The photo bucket exists',
      (r) => `Bucket ${r.bucket} exists in ${r.region}.`,
      (r) => `No bucket named ${r.bucket}.`,
      'Create the bucket with the name the lesson gives, in your region.',
      (r) => ({ bucket: r.bucket }),
    ],
    [
      'bucket-private',
      'The bucket blocks public access',
      (r) => `${r.bucket} blocks all public access.`,
      (r) => `${r.bucket} allows public ACLs.`,
      'Turn on all four Block Public Access settings.',
      (r) => ({ bucket: r.bucket }),
    ],
    [
      'photos-uploaded',
      'The photos are uploaded',
      (r) => `${between(12, 30)} photos under photos/ in ${r.bucket}.`,
      (r) => `Only ${between(0, 4)} photos under photos/ in ${r.bucket}; the gallery needs 5.`,
      'Upload the photos with the gallery app or aws s3 cp.',
      (r) => ({ bucket: r.bucket, prefix: 'photos/' }),
    ],
    [
      'photo-types',
      'The photos have image content types',
      () => 'Every photo has an image/* content type.',
      () => `photos/IMG_${between(1000, 9999)}.jpg is application/octet-stream.`,
      'Upload again with --content-type image/jpeg.',
      undefined,
    ],
    [
      'gallery-page',
      'The gallery page lists the photos',
      () => 'The gallery page lists every photo with its caption.',
      () => 'The gallery page answered 403.',
      'Check the presigned URLs’ expiry and the app’s credentials.',
      undefined,
    ],
    [
      'labels',
      'The photos have labels',
      () => 'Every photo has at least one label.',
      () => `${between(1, 5)} photos have no labels.`,
      'Run the labelling step again.',
      undefined,
    ],
  ],
  'exercise-6': [
    [
      'table-exists',
      'The metadata table exists',
      (r) => `Table ${r.table} is ACTIVE.`,
      () => 'No table named photo-metadata.',
      'Create the table from the lesson’s template.',
      (r) => ({ table: r.table }),
    ],
    [
      'items-written',
      'Each photo has its item',
      () => `${between(12, 30)} items, one per photo.`,
      () => `${between(1, 9)} photos have no item.`,
      'Upload the photos again through the app so it writes their items.',
      undefined,
    ],
    [
      'function-exists',
      'The resize function exists',
      (r) => `Function ${r.fn} runs python3.12.`,
      () => 'No function named photo-resize.',
      'Deploy the function with the lesson’s template.',
      (r) => ({ functionName: r.fn }),
    ],
    [
      'trigger',
      'Uploads trigger the function',
      (r) => `${r.bucket} notifies ${r.fn} on ObjectCreated under photos/.`,
      (r) => `${r.bucket} has no notification for ${r.fn}.`,
      'Add the S3 trigger to the function.',
      (r) => ({ bucket: r.bucket }),
    ],
    [
      'thumbnails',
      'Thumbnails are made',
      () => 'Every photo has a thumbnail under thumbs/.',
      () => `${between(1, 9)} photos have no thumbnail.`,
      'Check the function’s logs in CloudWatch.',
      undefined,
    ],
  ],
  'key-cleanup': [
    [
      'keys-deleted',
      'The access keys are deleted',
      (r) => `${r.user} has no access keys left.`,
      (r) => `${r.user} still has ${r.key}.`,
      'Delete the access key in the IAM console.',
      (r) => ({ userName: r.user }),
    ],
    [
      'instances-gone',
      'No instance is left running',
      () => 'No running instance is tagged with the course.',
      (r) => `${r.instance} is still running and costs money.`,
      'Terminate the instance.',
      (r) => ({ instanceId: r.instance }),
    ],
    [
      'buckets-emptied',
      'The course buckets are emptied',
      () => 'The course buckets are empty.',
      (r) => `${r.bucket} still holds ${between(1, 30)} objects.`,
      'Empty the bucket, then delete it.',
      (r) => ({ bucket: r.bucket }),
    ],
  ],
};
const exerciseIds = Object.keys(exercises);

/** One learner's resource ids, the same in every attempt, as in one account. */
function resourcesOf() {
  return {
    region: pick(['us-west-2', 'us-east-1', 'eu-west-1']),
    vpc: `vpc-0${hex(16)}`,
    publicSubnet: `subnet-0${hex(16)}`,
    privateSubnet: `subnet-0${hex(16)}`,
    gateway: `igw-0${hex(16)}`,
    routeTable: `rtb-0${hex(16)}`,
    group: `sg-0${hex(16)}`,
    instance: `i-0${hex(16)}`,
    policy: `arn:aws:iam::${between(100000000000, 999999999999)}:policy/CoursePolicy`,
    user: 'course-user',
    key: `AKIA${hex(16).toUpperCase()}`,
    bucket: `course-photos-${hex(8)}`,
    table: 'photo-metadata',
    fn: 'photo-resize',
  };
}

/** One Verify press: the checks up to the first failure pass, the failure is reported, the rest are skipped. */
function attemptOf(exercise, at, resources, account, failAt) {
  const checks = exercises[exercise].map(([id, title, passed, failed, hint, evidence], index) => {
    if (index < failAt || failAt < 0)
      return {
        id,
        title,
        status: 'pass',
        message: passed(resources),
        ...(evidence ? { evidence: evidence(resources) } : {}),
      };
    if (index === failAt)
      return {
        id,
        title,
        status: 'fail',
        message: failed(resources),
        ...(hint ? { hint } : {}),
        ...(evidence ? { evidence: evidence(resources) } : {}),
      };
    return { id, title, status: 'skip', message: `Skipped: ${exercises[exercise][failAt][0]} failed first.` };
  });
  return {
    exercise,
    at: at.toISOString(),
    mode: account ? 'live' : 'offline',
    status: failAt < 0 ? 'passed' : 'failed',
    region: resources.region,
    ...(account ? { account } : {}),
    durationMs: between(400, 9000),
    checkerVersion: '1.4.0',
    checks,
  };
}

/** A learner's whole record: lessons, quizzes, and 10 to 40 attempts over the exercises, failing less as they go. */
function learnerRecord(index) {
  const start = Date.UTC(2026, 8, 1) + between(0, 20) * 86_400_000;
  let clock = start;
  const tick = (minutes) => {
    clock += minutes * 60_000;
    return new Date(clock);
  };
  const lessonsVisited = {};
  const quizzes = {};
  for (const lesson of lessons) {
    const first = tick(between(5, 600)).toISOString();
    lessonsVisited[lesson] = { firstVisitedAt: first, lastVisitedAt: tick(between(1, 3000)).toISOString() };
    const total = between(4, 6);
    const answers = Object.fromEntries(Array.from({ length: total }, (_, q) => [String(q), between(0, 3)]));
    quizzes[lesson] = { answers, correct: between(1, total), total, completedAt: tick(between(1, 30)).toISOString() };
  }
  const resources = resourcesOf();
  const account = random() < 0.7 ? String(between(100000000000, 999999999999)) : undefined;
  const attempts = [];
  const count = between(10, 40);
  for (let n = 0; n < count; n++) {
    const exercise = exerciseIds[Math.min(exerciseIds.length - 1, Math.floor((n / count) * exerciseIds.length))];
    const checks = exercises[exercise].length;
    const failAt = random() < 0.35 + n / count / 2 ? -1 : between(0, checks - 1);
    attempts.push(attemptOf(exercise, tick(between(2, 240)), resources, account, failAt));
  }
  const named = random() < 0.9;
  const rosterId = random() < 0.6 ? `s${100000 + index}@students.example.edu` : String(20260000 + index);
  return {
    format: 'awscourse-progress',
    version: 1,
    learner: { id: `learner-${hex(24)}`, ...(named ? { name: `Student ${index}`, rosterId } : {}) },
    updatedAt: new Date(clock).toISOString(),
    lessons: lessonsVisited,
    quizzes,
    attempts,
  };
}

/** The broken files a class's folder holds: each of the report's reasons to skip one. */
function brokenFile(index) {
  const whole = JSON.stringify(learnerRecord(index));
  return [
    whole.slice(0, Math.floor(whole.length / 2)),
    'not a progress file\n',
    JSON.stringify({ format: 'someone-elses', rows: [1, 2, 3] }),
    whole.replace('"exercise-3"', '"exercise-99"'),
  ][index % 4];
}

/** How many files a class of `learners` learners comes in, with its learners downloaded twice and broken files. */
export function filesOfClass(learners) {
  let files = learners;
  while (files - twiceIn(files) - brokenIn(files) < learners) files++;
  return files;
}

/** Writes a class of `files` files (BENCH_FILES, or 10,000) into `folder` and returns how many bytes it holds. */
export function writeClass(folder, files = totalFiles) {
  const twiceDownloaded = twiceIn(files);
  const brokenFiles = brokenIn(files);
  for (const inner of ['earlier', 'broken']) mkdirSync(join(folder, inner), { recursive: true });
  let bytes = 0;
  const write = (name, text) => {
    writeFileSync(join(folder, name), text);
    bytes += Buffer.byteLength(text);
  };
  const singles = files - 2 * twiceDownloaded - brokenFiles;
  for (let index = 0; index < singles + twiceDownloaded; index++) {
    const record = learnerRecord(index);
    write(`learner-${String(index).padStart(5, '0')}.json`, JSON.stringify(record));
    if (index >= singles) {
      // An earlier download: fewer attempts, an older time, and every other one from before the learner gave their
      // name and roster id (matched by the record's id), the rest with them (matched by the roster id).
      const kept = Math.ceil(record.attempts.length / 2);
      const learner = index % 2 ? { id: record.learner.id } : record.learner;
      const earlier = {
        ...record,
        learner,
        attempts: record.attempts.slice(0, kept),
        updatedAt: record.attempts[kept - 1].at,
      };
      write(`earlier/learner-${String(index).padStart(5, '0')}.json`, JSON.stringify(earlier));
    }
  }
  for (let index = 0; index < brokenFiles; index++) write(`broken/file-${index}.json`, brokenFile(index));
  return bytes;
}

/** The child's own peak resident set, written on exit: the fallback where GNU time is not installed. */
const peakOnExit = (entry) =>
  `process.on('exit', () => process.stderr.write('peak ' + process.resourceUsage().maxRSS + '\\n'));` +
  `process.argv.splice(1, 0, ${JSON.stringify(entry)}); import(${JSON.stringify(entry)});`;

/** Runs `node ARGS` in `cwd` under GNU time: its wall time, CPU time (user and system), peak resident set and output. */
function measure(args, cwd) {
  const options = { cwd, encoding: 'utf8', maxBuffer: 1 << 30 };
  const started = performance.now();
  const run = existsSync('/usr/bin/time')
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], options)
    : spawnSync(process.execPath, ['-e', peakOnExit(join(cwd, args[0])), ...args.slice(1)], options);
  const seconds = (performance.now() - started) / 1000;
  const figure = (pattern) => Number(pattern.exec(run.stderr)?.[1] ?? Number.NaN);
  const peakKib = figure(/Maximum resident set size \(kbytes\): (\d+)/) || figure(/^peak (\d+)$/m);
  const cpu = figure(/User time \(seconds\): ([\d.]+)/) + figure(/System time \(seconds\): ([\d.]+)/);
  return {
    seconds,
    cpu,
    megabytes: (peakKib * 1024) / 1e6,
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
  };
}

/**
 * The runs measured: the table alone, then each file the command writes, with the option that names the file; the
 * first three are held to the budget.
 */
const runsIn = (folder) => [
  { label: 'table only', options: [], held: true },
  { label: '`--html FILE`', options: ['--html', join(folder, 'class.html')], held: true },
  {
    label: '`--csv FILE --csv-format gradebook --lms canvas`',
    options: ['--csv', join(folder, 'canvas.csv'), '--csv-format', 'gradebook', '--lms', 'canvas'],
    held: true,
  },
  { label: '`--csv FILE` (tidy)', options: ['--csv', join(folder, 'tidy.csv')], held: false },
  { label: '`--xapi FILE`', options: ['--xapi', join(folder, 'statements.json')], held: false },
];

/** Whether a run's figures are within the budget. */
const withinBudget = (result) => result.seconds < budget.seconds && result.megabytes < budget.megabytes;

/** Times each run held to the budget is measured, on a machine shared with other work: its median time is reported. */
const heldRepeats = 3;

/**
 * Measures a report `repeats` times: the figures of the run of median wall time, with the highest peak memory of
 * all, since memory hardly varies but time does with what else the machine is doing.
 */
function measureReport(args, root, repeats) {
  const results = Array.from({ length: repeats }, () => measure(args, root)).sort((a, b) => a.seconds - b.seconds);
  const median = results[Math.floor(results.length / 2)];
  return { ...median, megabytes: Math.max(...results.map((result) => result.megabytes)) };
}

export async function run() {
  const root = new URL('../', import.meta.url).pathname;
  const build = spawnSync('npm', ['run', '-s', 'build:cli'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`could not build the CLI: ${build.stderr}`);
  const folder = mkdtempSync(join(tmpdir(), 'awscourse-report-bench-'));
  try {
    const bytes = writeClass(join(folder, 'class'));
    const rows = [];
    let ok = true;
    for (const { label, options, held } of runsIn(folder)) {
      const args = ['bin/awscourse.mjs', 'report', join(folder, 'class'), ...options];
      const result = measureReport(args, root, held ? heldRepeats : 1);
      // Exit 1: the broken files were skipped, as they should be.
      if (result.status !== 1)
        throw new Error(`report ${label} exited ${result.status}: ${result.stderr.slice(-2000)}`);
      const [, count, noun] = /Wrote .* \(([\d,]+) (rows|statements)\)\./.exec(result.stdout) ?? [];
      const wrote = count && `${Number(count.replaceAll(',', '')).toLocaleString('en')} ${noun}`;
      const file = options.length ? statSync(options[1]) : undefined;
      // Each file is removed once measured: the statements alone take gigabytes.
      if (file) rmSync(options[1]);
      if (held) ok &&= withinBudget(result);
      rows.push(
        `| ${label} | ${result.seconds.toFixed(1)} s | ${result.cpu.toFixed(1)} s | ${result.megabytes.toFixed(0)} MB | ` +
          `${wrote ?? '–'} | ${file ? `${(file.size / 1e6).toFixed(0)} MB` : '–'} | ` +
          `${withinBudget(result) ? 'within' : 'over'} |`,
      );
    }
    const report = [
      `${totalFiles.toLocaleString('en')} files, ${(bytes / 1e6).toFixed(0)} MB (${(bytes / totalFiles / 1e3).toFixed(0)} kB ` +
        `each on average; ${twiceDownloaded} learners in two files, ${brokenFiles} broken), Node ${process.versions.node}.`,
      '',
      '| `awscourse report FOLDER` | wall time | CPU (user + system) | peak RSS | written | file | budget |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
      ...rows,
      '',
      `Budget: under ${budget.seconds} s and ${budget.megabytes} MB for the table, \`--html\` and the gradebook (each ` +
        `the median of ${heldRepeats} runs, with the highest peak RSS): ${ok ? 'within budget' : 'over budget'}.`,
    ].join('\n');
    return { ok, report };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await run()).report);
