import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { auMoveOn, courseStructureNamespace, courseStructureXml } from '../../src/progress/cmi5-course-structure';

/** An element as fast-xml-parser's ordered form gives it: its name, attributes and children in document order. */
interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function elementsOf(nodes: Ordered[]): Element[] {
  return nodes
    .map((node) => {
      const name = Object.keys(node).find((key) => key !== ':@')!;
      const content = node[name] as Ordered[];
      const text = content
        .filter((child) => '#text' in child)
        .map((child) => String(child['#text']))
        .join('');
      return { name, attributes: node[':@'] ?? {}, children: elementsOf(content.filter((c) => !('#text' in c))), text };
    })
    .filter((element) => element.name !== '?xml');
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' });
const parse = (xml: string) => elementsOf(parser.parse(xml) as Ordered[]);

const isAbsoluteIri = (value: string | undefined) => Boolean(value && /^[a-z][a-z0-9+.-]*:\S+$/i.test(value));

/**
 * What is wrong with a course structure by CourseStructure.xsd (cmi5 section 14) as the spec states it: the elements
 * in the order the schema's sequences give, the required attributes and their value spaces, and (14.2, a structure
 * served without a ZIP package) fully qualified URLs. Empty when nothing is.
 */
function courseStructureProblems(xml: string): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const [root, ...others] = parse(xml);
  check(others.length === 0 && root?.name === 'courseStructure', 'the root is not one courseStructure');
  if (!root) return problems;
  check(root.attributes.xmlns === courseStructureNamespace, 'not in the cmi5 course structure namespace');
  const langText = (element: Element | undefined, what: string) => {
    const strings = element?.children.filter((child) => child.name === 'langstring') ?? [];
    check(strings.length > 0 && strings.every((s) => s.attributes.lang && s.text.trim()), `${what} has no langstring`);
  };
  const [course, ...units] = root.children;
  check(course?.name === 'course', 'the first element is not course');
  check(isAbsoluteIri(course?.attributes.id), 'the course id is not an IRI');
  check(course?.children.map((c) => c.name).join() === 'title,description', 'course is not title, description');
  langText(course?.children[0], 'the course title');
  langText(course?.children[1], 'the course description');
  const blocksAndUnits = units.filter((unit) => unit.name !== 'objectives');
  check(blocksAndUnits.length > 0, 'no au or block');
  const ids = new Set([course?.attributes.id]);
  for (const au of blocksAndUnits) {
    check(au.name === 'au', `${au.name} is not an au`);
    check(isAbsoluteIri(au.attributes.id) && !ids.has(au.attributes.id), 'an au id is not a unique IRI');
    ids.add(au.attributes.id);
    const order = au.children.map((child) => child.name).join();
    check(
      /^title,description,(objectives,)?url(,launchParameters)?(,entitlementKey)?$/.test(order),
      `au order ${order}`,
    );
    langText(au.children[0], 'an au title');
    langText(au.children[1], 'an au description');
    const url = au.children.find((child) => child.name === 'url')?.text.trim();
    check(Boolean(url && URL.canParse(url)), 'an au url is not fully qualified');
    const { moveOn, launchMethod, masteryScore } = au.attributes;
    const moveOns = ['NotApplicable', 'Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed'];
    check(moveOn === undefined || moveOns.includes(moveOn), `moveOn ${moveOn}`);
    check(
      launchMethod === undefined || ['AnyWindow', 'OwnWindow'].includes(launchMethod),
      `launchMethod ${launchMethod}`,
    );
    check(masteryScore === undefined || (Number(masteryScore) >= 0 && Number(masteryScore) <= 1), 'masteryScore');
  }
  return problems;
}

const site = 'https://course.example.edu';

describe('the course’s cmi5.xml', () => {
  it('is well-formed XML', () => {
    expect(XMLValidator.validate(courseStructureXml(site))).toBe(true);
  });

  it('has what the cmi5 course structure schema requires', () => {
    expect(courseStructureProblems(courseStructureXml(site))).toEqual([]);
  });

  it('is one AU, launched at the site’s home page, satisfied by passed, with ids under the site', () => {
    const [root] = parse(courseStructureXml(site));
    const [course, au] = root!.children;
    expect(course?.attributes.id).toBe('https://course.example.edu/');
    expect(au?.attributes).toMatchObject({ id: 'https://course.example.edu/xapi/au', moveOn: auMoveOn });
    expect(au?.children.find((child) => child.name === 'url')?.text).toBe('https://course.example.edu/');
    expect(root?.children.filter((child) => child.name === 'au')).toHaveLength(1);
  });

  it('escapes an address that XML would otherwise misread', () => {
    const xml = courseStructureXml('https://course.example.edu/a&b');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<url>https://course.example.edu/a&#38;b/</url>');
  });

  it('is caught by the checks when it breaks the schema', () => {
    const good = courseStructureXml(site);
    expect(courseStructureProblems(good.replace('moveOn="Passed"', 'moveOn="Finished"'))).toEqual(['moveOn Finished']);
    expect(courseStructureProblems(good.replace(/<url>[^<]*<\/url>/, '<url>/</url>'))).toEqual([
      'an au url is not fully qualified',
    ]);
    expect(courseStructureProblems(good.replace(/<title>[\s\S]*?<\/title>/, ''))).toContain(
      'course is not title, description',
    );
  });
});
