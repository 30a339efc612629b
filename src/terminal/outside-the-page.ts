import { defineCommand } from 'just-bash';

/** What the lab terminal says instead of running Python: the page has none, and where the lesson's app runs. */
const noPython =
  "the lab terminal has no Python. Exercise 5's gallery app runs on your own machine, as the lesson shows; every " +
  'AWS step (aws, curl) works here.';

/**
 * Commands a learner may type that the page cannot run, each answering as a missing command does (exit 127) with
 * what to do instead, rather than the shell library's own words for developers.
 */
export const outsideThePageCommands = ['python3', 'python', 'pip', 'pip3', 'flask'].map((name) =>
  defineCommand(name, async () => ({ stdout: '', stderr: `${name}: ${noPython}\n`, exitCode: 127 })),
);
