import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parse as parseYaml } from 'yaml';

/** The course's `content/` folder. */
export const contentRoot = join(import.meta.dirname, '../../content');

/** One lesson's MDX file: its id (`week-1/cidr`), its parsed frontmatter and its body. */
export interface LessonFile {
  id: string;
  frontmatter: unknown;
  body: string;
}

/** Every lesson file of both weeks. */
export function readLessons(): LessonFile[] {
  return ['week-1', 'week-2'].flatMap((week) =>
    readdirSync(join(contentRoot, week))
      .filter((name) => name.endsWith('.mdx'))
      .map((name) => {
        const text = readFileSync(join(contentRoot, week, name), 'utf8');
        const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
        return {
          id: `${week}/${name.replace(/\.mdx$/, '')}`,
          frontmatter: match ? parseYaml(match[1]!) : undefined,
          body: match ? match[2]! : text,
        };
      }),
  );
}

/**
 * The quiz of a lesson as authored: its id and its `questions` value, evaluated as the plain data literal it is (no
 * MDX compiler needed). Undefined when the lesson has no `<Quiz id="…" questions={[…]} />`.
 */
export function readQuiz(lesson: LessonFile): { id: string; questions: unknown } | undefined {
  const match = /<Quiz\s+id="([^"]+)"\s+questions=\{(\[[\s\S]*?\])\}\s*\/>/.exec(lesson.body);
  return match ? { id: match[1]!, questions: runInNewContext(`(${match[2]})`, {}) } : undefined;
}
