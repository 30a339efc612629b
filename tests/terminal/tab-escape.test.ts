import { describe, expect, it } from 'vitest';
import { tabEscapeStep, tabEscapeWindowMs } from '../../src/terminal/tab-escape';

const keydown = (key: string) => ({ type: 'keydown', key });

describe('tabEscapeStep: Escape then Tab leaves the terminal', () => {
  it('lets Tab complete when no Escape came before it', () => {
    expect(tabEscapeStep(0, keydown('Tab'), 1000)).toEqual({ leaves: false, armedUntil: 0 });
  });

  it('arms the way out for two seconds on Escape', () => {
    expect(tabEscapeStep(0, keydown('Escape'), 1000)).toEqual({ leaves: false, armedUntil: 1000 + tabEscapeWindowMs });
  });

  it('lets a Tab within the window leave, and only once', () => {
    const step = tabEscapeStep(3000, keydown('Tab'), 2500);
    expect(step).toEqual({ leaves: true, armedUntil: 0 });
    expect(tabEscapeStep(step.armedUntil, keydown('Tab'), 2600).leaves).toBe(false);
  });

  it('keeps Tab for completion when it comes after the window', () => {
    expect(tabEscapeStep(3000, keydown('Tab'), 3001).leaves).toBe(false);
  });

  it('stays armed while Shift is pressed for Shift-Tab', () => {
    expect(tabEscapeStep(3000, keydown('Shift'), 2500)).toEqual({ leaves: false, armedUntil: 3000 });
  });

  it('gives Tab back to completion when another key comes between', () => {
    expect(tabEscapeStep(3000, keydown('b'), 2500)).toEqual({ leaves: false, armedUntil: 0 });
  });

  it('ignores key releases and presses, which follow every keydown', () => {
    expect(tabEscapeStep(3000, { type: 'keyup', key: 'Escape' }, 2500)).toEqual({ leaves: false, armedUntil: 3000 });
  });
});
