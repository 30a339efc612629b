import { describe, expect, it } from 'vitest';
import { parseCommandArgs, suggestOption } from '../../src/cli/args';

const options = { offline: { type: 'boolean' }, region: { type: 'string' }, 'app-url': { type: 'string' } } as const;

describe('suggestOption', () => {
  it('finds the option a typo was meant to be', () => {
    expect(suggestOption('--regoin', options)).toBe('--region');
    expect(suggestOption('--app-ur=http://x', options)).toBe('--app-url');
  });

  it('guesses nothing when no option is close', () => {
    expect(suggestOption('--verbose', options)).toBeUndefined();
  });
});

describe('parseCommandArgs', () => {
  it('says that a flag takes no value', () => {
    expect(() => parseCommandArgs('check', ['--offline=yes'], options)).toThrow('--offline takes no value.');
  });

  it('names an argument the command does not take', () => {
    expect(() => parseCommandArgs('emulator', ['extra'], options)).toThrow(
      '"awscourse emulator" takes no argument "extra".',
    );
  });
});
