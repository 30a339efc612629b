import { describe, expect, it } from 'vitest';
import {
  closeAnswerKeys,
  closeQuestion,
  editorKeyAction,
  hasUnsavedChanges,
  keyName,
  openedMessage,
} from '../../src/terminal/editor-buffer';

const key = (key: string, modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

const file = (text: string, isNew = false) => ({ name: 'vpc.yaml', path: '/home/learner/vpc.yaml', text, isNew });

describe('hasUnsavedChanges', () => {
  it('is false for the text last saved or opened', () => {
    expect(hasUnsavedChanges('a\n', 'a\n')).toBe(false);
  });

  it('is true once the text differs', () => {
    expect(hasUnsavedChanges('a\n', 'a\nb')).toBe(true);
  });
});

describe('openedMessage', () => {
  it('counts the lines read, a last line without a newline too', () => {
    expect(openedMessage(file('a\nb'))).toBe('Read 2 lines from vpc.yaml');
  });

  it('says when the file is new', () => {
    expect(openedMessage(file('', true))).toBe('New file: vpc.yaml');
  });
});

describe('closeQuestion', () => {
  it("asks nano's question with the file's name", () => {
    expect(closeQuestion(file(''))).toBe('Save changes to vpc.yaml?');
  });
});

describe('editorKeyAction', () => {
  it('saves on Ctrl-S and on Cmd-S', () => {
    expect(editorKeyAction(key('s', { ctrlKey: true }))).toBe('save');
    expect(editorKeyAction(key('s', { metaKey: true }))).toBe('save');
  });

  it('closes on Ctrl-X and on Escape', () => {
    expect(editorKeyAction(key('x', { ctrlKey: true }))).toBe('close');
    expect(editorKeyAction(key('Escape'))).toBe('close');
  });

  it('leaves typing and other shortcuts to the text', () => {
    expect(editorKeyAction(key('s'))).toBeUndefined();
    expect(editorKeyAction(key('S', { ctrlKey: true, shiftKey: true }))).toBeUndefined();
  });
});

describe('keyName', () => {
  it('names the modifiers in a fixed order before the lower-case key', () => {
    expect(keyName(key('S', { shiftKey: true, ctrlKey: true }))).toBe('Ctrl-Shift-s');
  });
});

describe('closeAnswerKeys', () => {
  it("answers with nano's Y and N in either case, and cancels on Escape", () => {
    expect([closeAnswerKeys.y, closeAnswerKeys.N, closeAnswerKeys.Escape]).toEqual(['save', 'discard', 'cancel']);
  });
});
