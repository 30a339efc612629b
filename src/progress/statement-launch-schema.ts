import { z } from 'zod';

/** The inverse functional identifiers of an xAPI agent: exactly one names the learner. */
const agentIdentifiers = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

/** The learner as an xAPI Agent, as a launch names them (xapi-launch.ts's `parseActor`). */
export const xapiAgentSchema = z
  .object({
    /** Always `Agent`. */
    objectType: z.literal('Agent'),
    /** The learner's name as the portal or LMS shows it, e.g. `Learner 7`. */
    name: z.string().optional(),
    /** A `mailto:` address, e.g. `mailto:learner@example.edu`. */
    mbox: z.string().optional(),
    /** The SHA-1 of the `mailto:` address, in hex. */
    mbox_sha1sum: z.string().optional(),
    /** An OpenID URI. */
    openid: z.string().optional(),
    /** An account on a system, e.g. `{ homePage: 'https://lms.example.edu', name: 'learner-7' }`. */
    account: z.object({ homePage: z.string(), name: z.string() }).optional(),
  })
  .refine((agent) => agentIdentifiers.filter((key) => agent[key] !== undefined).length === 1, {
    error: 'an xAPI agent needs exactly one of mbox, mbox_sha1sum, openid or account',
  });

/** Activities by their ids, as a context's `contextActivities` lists them. */
const activityListsSchema = z.record(z.string(), z.array(z.looseObject({ id: z.string() })));

/**
 * A cmi5 context template, kept exactly as the LMS gave it (a record, so zod neither drops nor reorders a key), with
 * lists of activities in its `contextActivities` and an object of `extensions`.
 */
const contextTemplateSchema = z
  .record(z.string(), z.unknown())
  .refine(
    (template) =>
      activityListsSchema.optional().safeParse(template.contextActivities).success &&
      z.record(z.string(), z.unknown()).optional().safeParse(template.extensions).success,
    { error: 'a cmi5 context template lists activities in contextActivities and has an object of extensions' },
  );

/** An xAPI launch link's part in the statements: the portal's learner, registration and id of the course. */
const xapiStatementLaunchSchema = z.object({
  /** An xAPI launch link (the portal's `endpoint`, `actor`, `registration`, `activity_id`). */
  kind: z.literal('xapi'),
  /** The learner as the portal names them; absent: the record's id as an account on the site. */
  actor: xapiAgentSchema.optional(),
  /** The registration (a UUID) the statements belong to. */
  registration: z.uuid().optional(),
  /** The portal's id of the course (`activity_id`), a grouping of every statement besides the course's own. */
  activityId: z.string().min(1).optional(),
});

/** A cmi5 session's part in the statements: the LMS's learner and registration, and the session's context. */
const cmi5StatementLaunchSchema = z.object({
  /** A cmi5 launch from an LMS. */
  kind: z.literal('cmi5'),
  /** The learner, an Agent with an account, as the LMS names them. */
  actor: xapiAgentSchema,
  /** The learner's registration in the course (a UUID). */
  registration: z.uuid(),
  /**
   * The LMS's context template (its `LMS.LaunchData`), merged into each statement as cmi5 requires: the session id
   * among its extensions, the publisher id in its grouping.
   */
  contextTemplate: contextTemplateSchema,
});

/**
 * The launch a Verify attempt or a finished quiz was first sent under, and what it made of their statements: the
 * actor, the registration and the context it gave. Never the launch's credentials (its `auth`, its fetch URL, the
 * session's token), which stay in the browser tab's session. Statements made from the record, by the site or by
 * `awscourse report`, are made with it, so an LRS that holds them already finds the same statements again.
 */
export const statementLaunchSchema = z.discriminatedUnion('kind', [
  xapiStatementLaunchSchema,
  cmi5StatementLaunchSchema,
]);

/** The launch an attempt's or a quiz's statements were first sent under. */
export type StatementLaunch = z.infer<typeof statementLaunchSchema>;
