import { describe, expect, it } from 'vitest';
import { withContextTemplate } from '../../src/progress/context-template';

const sessionIdIri = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const registration = '6f1c1c8e-2a7f-4b53-9a55-0d7b1a6e4f21';
const course = {
  objectType: 'Activity' as const,
  id: 'https://course.example.edu/',
  definition: { type: 'http://adlnet.gov/expapi/activities/course', name: { 'en-US': 'The course' } },
};
const own = {
  revision: '1.0.0',
  platform: 'awscourse',
  language: 'en',
  contextActivities: { grouping: [course] },
  extensions: { 'https://course.example.edu/xapi/extensions/mode': 'offline' },
};

describe('a context template merged into a statement’s context', () => {
  it('never lets the course’s values overwrite the template’s', () => {
    const clashing = { ...own, extensions: { [sessionIdIri]: 'not-the-lms-one' } };
    const merged = withContextTemplate(clashing, { extensions: { [sessionIdIri]: 'the-lms-one' } }, registration);
    expect(merged.extensions?.[sessionIdIri]).toBe('the-lms-one');
  });

  it('puts the template’s activities first and repeats none', () => {
    const publisher = { id: 'https://course.example.edu/xapi/au' };
    const merged = withContextTemplate(own, { contextActivities: { grouping: [publisher, course] } }, registration);
    expect(merged.contextActivities.grouping.map((activity) => activity.id)).toEqual([publisher.id, course.id]);
  });

  it('keeps the course’s own extensions beside the template’s, in the launch’s registration', () => {
    const merged = withContextTemplate(own, { extensions: { [sessionIdIri]: 'the-lms-one' } }, registration);
    expect(merged).toMatchObject({
      registration,
      extensions: { ...own.extensions, [sessionIdIri]: 'the-lms-one' },
    });
  });
});
