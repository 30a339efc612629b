/**
 * The course's cmi5 course structure (`cmi5.xml`, cmi5 sections 13 and 14): the course and one assignable unit (AU),
 * the whole site, launched at its home page. One AU, not one per week: the site is one course a learner moves through
 * freely, its pages share one progress record, and its criteria (cmi5.ts) span both weeks.
 *
 * Served standalone, not in a ZIP package, the structure's addresses must be fully qualified (cmi5 14.2), so it is
 * made from the address the site is built for rather than kept as a fixed file.
 */
import { exerciseIds } from '../lessons/exercise-ids';
import { courseSource } from './course-source';
import { courseActivity } from './xapi';

/** The cmi5 course structure's XML namespace, which is also where its XSD lives. */
export const courseStructureNamespace = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';

/** What an LMS needs to satisfy the AU: a `passed` statement (sent per the criteria in cmi5.ts). */
export const auMoveOn = 'Passed';

/** Text safe inside an XML element or a double-quoted attribute. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A `<title>` or `<description>` in US English. */
const text = (element: string, value: string, indent: string) =>
  `${indent}<${element}>\n${indent}  <langstring lang="en-US">${escapeXml(value)}</langstring>\n${indent}</${element}>`;

/** The course as its statements name it: the site's address, and the course's title. */
const courseOf = (siteUrl: string) => courseActivity(courseSource({ siteUrl }));

/**
 * The course structure for a site at `siteUrl` (without a trailing slash): ids under it, the AU's `url` its home page,
 * `moveOn` {@link auMoveOn}, opened in a window of its own (the site has its own navigation).
 *
 * @example courseStructureXml('https://course.example.edu'); // '<?xml version="1.0" … <url>https://course.example.edu/</url> …'
 */
export function courseStructureXml(siteUrl: string): string {
  const course = courseOf(siteUrl);
  const courseTitle = course.definition.name['en-US'];
  const exercises = exerciseIds.join(', ');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<courseStructure xmlns="${courseStructureNamespace}">`,
    `  <course id="${escapeXml(course.id)}">`,
    text('title', courseTitle, '    '),
    text(
      'description',
      'Two weeks of hands-on lessons on AWS: VPCs, EC2, IAM, the SDKs, S3 and Rekognition, each exercise checked ' +
        'read-only with Verify.',
      '    ',
    ),
    '  </course>',
    `  <au id="${escapeXml(`${siteUrl}/xapi/au`)}" moveOn="${auMoveOn}" launchMethod="OwnWindow" activityType="http://adlnet.gov/expapi/activities/course">`,
    text('title', courseTitle, '    '),
    text(
      'description',
      `The whole course. It is completed when every exercise (${exercises}) has passed Verify, and passed when the ` +
        'share of exercises passed reaches the masteryScore, or all of them when there is none.',
      '    ',
    ),
    `    <url>${escapeXml(`${siteUrl}/`)}</url>`,
    '  </au>',
    '</courseStructure>',
    '',
  ].join('\n');
}
