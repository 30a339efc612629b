import { z } from 'zod';

/**
 * How one checker parameter is shown to the learner, declared once beside its schema: the Verify panel renders its
 * field from this, and the CLI and the panel word their "give this parameter" hints with its label.
 */
export interface ParamMeta {
  /** The field's label, e.g. `Photo bucket`. */
  label: string;
  /** One sentence under the field: what to enter and where it comes from. */
  hint: string;
  /** An example shown in the empty field, e.g. `http://localhost:5000`. */
  placeholder?: string;
  /** A multi-line field, for pasted JSON. */
  multiline?: boolean;
  /** The environment variable `awscourse check` reads the value from when no `--param` gives it (`PHOTOS_BUCKET`). */
  env?: string;
  /**
   * Shown in the panel at once: parameters most learners must give. The others (the course's own names, which most
   * learners keep) sit under "Used other names?".
   */
  primary?: boolean;
}

/** The registry a checker parameter's schema is registered in with its {@link ParamMeta}. */
export const paramMeta = z.registry<ParamMeta>();

/** A parameter as a form field: plain data, so the Verify panel gets it as props without shipping zod. */
export interface ParamField extends ParamMeta {
  /** The parameter's name in the checker's schema and in `--param name=value`. */
  name: string;
  /** The course's default, when there is one. */
  defaultValue?: string;
  /** True when the checker cannot run without it. */
  required: boolean;
}

/** The schema a checker's `params` is: an object of registered parameters. */
export type ParamsSchema = z.ZodObject<Record<string, z.ZodType>>;

/** The fields of a checker's parameters, in declaration order. A parameter without metadata is a bug in its checker. */
export function paramFields(schema: ParamsSchema): ParamField[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const meta = paramMeta.get(field);
    if (!meta) throw new Error(`Parameter ${name} has no label: register it with paramMeta.`);
    const empty = field.safeParse(undefined);
    const defaultValue = empty.success && typeof empty.data === 'string' ? empty.data : undefined;
    return { name, ...meta, defaultValue, required: !empty.success };
  });
}

/** One parameter the learner gave wrong, or did not give. */
export interface ParamProblem {
  /** The parameter's name (`bucket`). */
  name: string;
  /** Its label (`Photo bucket`); absent for a parameter the checker does not have. */
  label?: string;
  /** What is wrong: `missing`, or the schema's own words. */
  problem: string;
}

/** How a problem reads in a message: `Photo bucket (bucket) missing`, `"colour" not a parameter of this check …`. */
export function describeParamProblem(problem: ParamProblem): string {
  return `${problem.label ? `${problem.label} (${problem.name})` : `"${problem.name}"`} ${problem.problem}`;
}

/** Every problem zod found with the given parameters, one per parameter and issue, not just the first. */
export function paramProblems(schema: ParamsSchema, input: Record<string, unknown>, issues: z.core.$ZodIssue[]) {
  const labels = new Map(paramFields(schema).map((field) => [field.name, field.label]));
  return issues.map((issue): ParamProblem => {
    const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : String(issue.path[0] ?? '');
    const problem =
      issue.code === 'unrecognized_keys'
        ? `not a parameter of this check (it takes ${[...labels.keys()].join(', ')})`
        : input[name] === undefined
          ? 'missing'
          : issue.message;
    return { name, label: labels.get(name), problem };
  });
}

/** A name the course chose (a Name tag, a user, a policy), which a learner who chose another can give instead. */
export function courseName(defaultValue: string, meta: ParamMeta) {
  return z.string().min(1, 'must not be empty').default(defaultValue).register(paramMeta, meta);
}
