/**
 * A cmi5 LMS's context template (its `LMS.LaunchData`'s `contextTemplate`) merged into a statement's context: the
 * course's cmi5 defined statements and its own statements sent in a cmi5 session both carry it, whether the site
 * makes them or `awscourse report` makes them again from a progress file.
 */
import type { XapiStatement } from './xapi';

/**
 * An activity as an LMS's template and cmi5's categories give it: xAPI makes the definition optional, and these often
 * have none, though the course's own activities always carry one.
 */
export interface ActivityReference {
  /** `Activity`, when given. */
  objectType?: 'Activity';
  /** The activity's IRI. */
  id: string;
  /** Its name, type and more, when given. */
  definition?: unknown;
}

type ActivityList = ActivityReference[];

/** The context the LMS gives every statement of the session: its session id, its publisher-id grouping and more. */
export interface ContextTemplate {
  /** The activities every statement is in context of; `grouping` holds the AU's publisher id. */
  contextActivities?: { parent?: ActivityList; grouping?: ActivityList; category?: ActivityList; other?: ActivityList };
  /** The context extensions; the session id among them. */
  extensions?: Record<string, unknown>;
  /** Anything else the LMS puts in the template, kept as it is. */
  [other: string]: unknown;
}

/** A statement's context as the course makes it, before the template is merged in. */
export type OwnContext = ContextTemplate & Pick<XapiStatement['context'], 'revision' | 'platform' | 'language'>;

const idsOf = (list: ActivityList | undefined) => new Set((list ?? []).map((activity) => activity.id));

/** Two activity lists as one, the template's first, without repeating an id. */
function mergedList(template: ActivityList | undefined, own: ActivityList | undefined): ActivityList | undefined {
  if (!template && !own) return undefined;
  const taken = idsOf(template);
  return [...(template ?? []), ...(own ?? []).filter((activity) => !taken.has(activity.id))];
}

/**
 * The course's context merged with the template, in the launch's registration: the template's values are kept, never
 * overwritten (cmi5 10.2.1). Typed as the course's own context, whose activities all have definitions; the template's
 * and cmi5's categories may have none ({@link ActivityReference}), which xAPI allows.
 */
export function withContextTemplate(
  own: OwnContext,
  template: ContextTemplate,
  registration: string,
): XapiStatement['context'] {
  const activities = { ...own.contextActivities } as NonNullable<ContextTemplate['contextActivities']>;
  const fromTemplate = template.contextActivities ?? {};
  const lists = Object.fromEntries(
    (['parent', 'grouping', 'category', 'other'] as const)
      .map((key) => [key, mergedList(fromTemplate[key], activities[key])] as const)
      .filter(([, list]) => list !== undefined),
  );
  return {
    ...own,
    ...template,
    registration,
    contextActivities: { grouping: [], ...lists },
    extensions: { ...own.extensions, ...template.extensions },
  } as XapiStatement['context'];
}
