import type { ParamField } from './params';

/** Where the learner reads a result: the terminal (`awscourse check`) or the Verify panel in the course site. */
export type Surface = 'cli' | 'panel';

/**
 * The words a hint uses for "change this and check again", so each hint fits where it is shown: a flag in the
 * terminal, a field or a restart of the course in the panel. Each phrase starts lower-case and ends without a stop.
 */
export interface AskPhrases {
  /** How to give a parameter: `pass --param bucket=NAME` / `enter it in the "Photo bucket" field`. */
  param(name: string, example: string): string;
  /** How to check another region: `add --region us-east-1` / `choose us-east-1 in the Region box`. */
  region(region: string): string;
  /**
   * How to check with another identity: `add --profile NAME` / `restart the course with AWS_PROFILE=NAME npm start`.
   */
  profile(profile: string): string;
  /** How to check another exercise: `run "awscourse check exercise-3"` / `press Verify on the exercise-3 lesson`. */
  check(exercise: string): string;
}

/** The phrases for a surface; `fields` gives the panel's labels. */
export function askPhrases(surface: Surface, fields: readonly ParamField[] = []): AskPhrases {
  if (surface === 'cli') {
    return {
      param: (name, example) => {
        const env = fields.find((field) => field.name === name)?.env;
        return `pass --param ${name}=${example}${env ? ` (or set ${env})` : ''}`;
      },
      region: (region) => `add --region ${region}`,
      profile: (profile) => `add --profile ${profile}`,
      check: (exercise) => `run "awscourse check ${exercise}"`,
    };
  }
  return {
    param: (name) => `enter it in the "${fields.find((field) => field.name === name)?.label ?? name}" field`,
    region: (region) => `choose ${region} in the Region box`,
    profile: (profile) => `restart the course with that identity's credentials (AWS_PROFILE=${profile} npm start)`,
    check: (exercise) => `press Verify on the ${exercise.replace('-', ' ')} lesson`,
  };
}
