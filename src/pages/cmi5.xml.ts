import type { APIRoute } from 'astro';
import { courseStructureXml } from '../progress/cmi5-course-structure';
import { courseSiteUrl } from '../progress/course-source';

// Built once with the site, at the address it is built for (Astro's `site`), for an LMS to import.
export const prerender = true;

/** The course's cmi5 course structure, `/cmi5.xml`, for importing the course into an LMS. */
export const GET: APIRoute = () =>
  new Response(courseStructureXml(courseSiteUrl()), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
