import { defineCommand } from 'just-bash';

/** What the lab terminal says instead of running a web server: where the lesson's app runs. */
const noServer =
  "the lab terminal runs no web server. Exercise 5's gallery app runs on your own machine, as the lesson shows; " +
  'here, python3 runs its boto3 calls against the sandbox.';

/**
 * Commands a learner may type that the page cannot run, each answering as a missing command does (exit 127) with
 * what to do instead, rather than the shell library's own words for developers.
 */
export const outsideThePageCommands = ['flask'].map((name) =>
  defineCommand(name, async () => ({ stdout: '', stderr: `${name}: ${noServer}\n`, exitCode: 127 })),
);
