import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { lessonFilesZip } from '../../lessons/lesson-files-zip';

// Built once with the site: one archive per lesson that has files.
export const prerender = true;

export const getStaticPaths = (async () => {
  const lessons = await getCollection('lessons');
  return lessons
    .filter((lesson) => (lesson.data.terminal?.files.length ?? 0) > 0)
    .map((lesson) => ({ params: { lesson: lesson.id }, props: { files: lesson.data.terminal!.files } }));
}) satisfies GetStaticPaths;

/** A lesson's files as one archive, `/files/week-1/exercise-3.zip`: see lesson-files-zip.ts. */
export const GET: APIRoute = ({ params, props }) =>
  new Response(lessonFilesZip(params.lesson!, props.files, process.cwd()), {
    headers: { 'Content-Type': 'application/zip' },
  });
