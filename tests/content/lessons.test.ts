import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonSchema, exerciseIds } from '../../src/lessons/schema';
import { outlineProblems, type OutlineLesson } from '../../src/lessons/outline';
import { contentRoot, readLessons } from './lesson-files';

/** The lessons the course promises, in order; a missing or extra lesson fails here before a learner notices. */
const expectedLessons = [
  'week-1/start-here',
  'week-1/regions-and-zones',
  'week-1/ec2-and-virtualization',
  'week-1/service-scope',
  'week-1/iam-basics',
  'week-1/vpc-and-subnets',
  'week-1/cidr',
  'week-1/routing',
  'week-1/cloudformation',
  'week-1/exercise-3',
  'week-1/shared-responsibility',
  'week-2/apis-and-sdks',
  'week-2/iam-users-and-policies',
  'week-2/exercise-4',
  'week-2/s3-basics',
  'week-2/s3-access-control',
  'week-2/dev-environments',
  'week-2/exercise-5',
  'week-2/exercise-6',
  'week-2/key-cleanup',
];

const lessons = readLessons();
const lessonIds = new Set(lessons.map((lesson) => lesson.id));

/** The body without fenced code blocks, where links and components are not links or components. */
function prose(body: string): string {
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
}

describe('lesson content', () => {
  it('has exactly the lessons of the course outline', () => {
    expect([...lessonIds].sort()).toEqual([...expectedLessons].sort());
  });

  it('has valid frontmatter in every lesson', () => {
    const problems = lessons.flatMap((lesson) => {
      const result = lessonSchema.safeParse(lesson.frontmatter);
      return result.success
        ? []
        : result.error.issues.map((issue) => `${lesson.id}: ${issue.path.join('.')}: ${issue.message}`);
    });
    expect(problems).toEqual([]);
  });

  it('numbers each week in the order of the outline, with each exercise on its own lesson', () => {
    const parsed = lessons.map(
      (lesson) => ({ id: lesson.id, data: lessonSchema.parse(lesson.frontmatter) }) as OutlineLesson,
    );
    expect(outlineProblems(parsed)).toEqual([]);
    const ordered = [...parsed]
      .sort((a, b) => a.data.week - b.data.week || a.data.order - b.data.order)
      .map((l) => l.id);
    expect(ordered).toEqual(expectedLessons);
    expect(parsed.flatMap((l) => (l.data.exercise ? [l.data.exercise] : [])).sort()).toEqual([...exerciseIds].sort());
  });

  it('links only to lessons and pages that exist', () => {
    const sitePages = new Set(['/', '/search/']);
    const broken = lessons.flatMap((lesson) =>
      [...prose(lesson.body).matchAll(/\]\((\/[^)\s#]*)(#[^)\s]*)?\)|href="(\/[^"#]*)/g)]
        .map((match) => match[1] ?? match[3]!)
        .filter((path) => !sitePages.has(path) && !(path.endsWith('/') && lessonIds.has(path.slice(1, -1))))
        .map((path) => `${lesson.id} links to ${path}`),
    );
    expect(broken).toEqual([]);
  });

  it('ends every lesson with a quiz whose id is the lesson id', () => {
    const problems = lessons.flatMap((lesson) => {
      const ids = [...prose(lesson.body).matchAll(/<Quiz\b[^>]*?\bid="([^"]+)"/g)].map((match) => match[1]);
      if (ids.length !== 1) return [`${lesson.id} has ${ids.length} quizzes`];
      if (ids[0] !== lesson.id) return [`${lesson.id} has a quiz with id ${ids[0]}`];
      if (!/## Check your understanding[\s\S]*<Quiz\b/.test(lesson.body))
        return [`${lesson.id}: quiz is not under "Check your understanding"`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('puts the Verify block of its own exercise on each exercise lesson, and none elsewhere', () => {
    const problems = lessons.flatMap((lesson) => {
      const exercise = lessonSchema.parse(lesson.frontmatter).exercise;
      const verified = [...prose(lesson.body).matchAll(/<Verify\b[^>]*\bexercise="([^"]+)"/g)].map((match) => match[1]);
      const expected = exercise ? [exercise] : [];
      return JSON.stringify(verified) === JSON.stringify(expected)
        ? []
        : [`${lesson.id} verifies ${verified.join(', ') || 'nothing'}`];
    });
    expect(problems).toEqual([]);
  });

  it('gives every code block a language, so it is highlighted and copied right', () => {
    const bare = lessons.flatMap((lesson) => {
      const fences = [...lesson.body.matchAll(/^(```|~~~)(.*)$/gm)];
      // Fences alternate open/close; only an opening fence carries the language.
      return fences.filter((_, index) => index % 2 === 0 && fences[index]![2]!.trim() === '').map(() => lesson.id);
    });
    expect(bare).toEqual([]);
  });

  it('uses no retired commands in its code blocks (the prose may still mention them as history)', () => {
    const stale = lessons.flatMap((lesson) => {
      const code = [...lesson.body.matchAll(/^(```|~~~)[^\n]*\n([\s\S]*?)^\1\s*$/gm)]
        .map((match) => match[2])
        .join('\n');
      return [/pip-3\.6/, /\byum\b/, /amzn-ami-hvm-2018/, /list_objects\(/]
        .filter((p) => p.test(code))
        .map((p) => `${lesson.id}: ${p}`);
    });
    expect(stale).toEqual([]);
  });

  it('gives every exercise lesson, and the CloudFormation, S3 and IAM lessons, a lab terminal', () => {
    const withTerminal = lessons.filter((lesson) => lessonSchema.parse(lesson.frontmatter).terminal).map((l) => l.id);
    const exercises = lessons.filter((lesson) => lessonSchema.parse(lesson.frontmatter).exercise).map((l) => l.id);
    expect(withTerminal).toEqual(
      expect.arrayContaining([
        ...exercises,
        'week-1/cloudformation',
        'week-2/s3-basics',
        'week-2/s3-access-control',
        'week-2/iam-users-and-policies',
      ]),
    );
  });

  it('takes every terminal file from a file in the repository', () => {
    const missing = lessons.flatMap((lesson) =>
      (lessonSchema.parse(lesson.frontmatter).terminal?.files ?? [])
        .filter((file) => !existsSync(join(contentRoot, '..', file.source)))
        .map((file) => `${lesson.id}: ${file.source}`),
    );
    expect(missing).toEqual([]);
  });
});
