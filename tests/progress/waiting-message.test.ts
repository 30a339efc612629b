import { describe, expect, it } from 'vitest';
import { waitingMessage } from '../../src/progress/waiting-message';

describe('the waiting count in words', () => {
  it('says everything has been sent when nothing waits', () => {
    expect(waitingMessage(0)).toBe('Everything has been sent.');
  });

  it('speaks of one statement in the singular and of more in the plural', () => {
    expect(waitingMessage(1)).toBe('1 statement is waiting to be sent.');
    expect(waitingMessage(3)).toBe('3 statements are waiting to be sent.');
  });
});
