import { describe, expect, it } from 'vitest';
import { editLine, type LineEditorState, newLine } from '../../src/terminal/line-editor';

/** The line after typing `keys` (each a key or a chunk of text) on a fresh line. */
function typed(keys: string[], history: string[] = [], columns = 80): LineEditorState {
  let state = newLine(history, 11, columns);
  for (const key of keys) state = editLine(state, key).state;
  return state;
}

const left = '\x1b[D';
const right = '\x1b[C';
const up = '\x1b[A';
const down = '\x1b[B';

describe('editLine', () => {
  it('inserts typed text at the cursor', () => {
    expect(typed(['aws s3', left, left, 'x'])).toMatchObject({ text: 'aws xs3', cursor: 5 });
  });

  it('deletes before the cursor with Backspace and under it with Delete', () => {
    expect(typed(['abcd', left, '\x7f']).text).toBe('abd');
    expect(typed(['abcd', left, left, '\x1b[3~']).text).toBe('abd');
  });

  it('moves to the start and end with Home/End and Ctrl-A/Ctrl-E', () => {
    expect(typed(['abc', '\x1b[H']).cursor).toBe(0);
    expect(typed(['abc', '\x01', right, '\x05']).cursor).toBe(3);
    expect(typed(['abc', '\x01', 'x']).text).toBe('xabc');
  });

  it('cuts to the start with Ctrl-U and to the end with Ctrl-K', () => {
    expect(typed(['aws ec2', left, left, left, '\x15'])).toMatchObject({ text: 'ec2', cursor: 0 });
    expect(typed(['aws ec2', left, left, left, '\x0b'])).toMatchObject({ text: 'aws ', cursor: 4 });
  });

  it('cuts the word before the cursor with Ctrl-W', () => {
    expect(typed(['aws ec2 describe-vpcs ', '\x17']).text).toBe('aws ec2 ');
  });

  it('walks back through history with ↑ and forward to the line being typed with ↓', () => {
    const history = ['ls', 'pwd'];
    expect(typed([up], history).text).toBe('pwd');
    expect(typed([up, up, up], history).text).toBe('ls');
    expect(typed(['draft', up, up, down, down], history)).toMatchObject({ text: 'draft', cursor: 5 });
  });

  it('submits the whole line on Enter, wherever the cursor is', () => {
    expect(editLine(typed(['echo hi', left]), '\r').effect).toEqual({ kind: 'submit', line: 'echo hi' });
  });

  it('abandons the line on Ctrl-C, printing ^C', () => {
    const result = editLine(typed(['echo hi']), '\x03');
    expect(result).toMatchObject({ effect: { kind: 'interrupt' }, state: { text: '' } });
    expect(result.output).toContain('^C\r\n');
  });

  it('ends the input on Ctrl-D at an empty line', () => {
    expect(editLine(typed([]), '\x04').effect).toEqual({ kind: 'end-of-input' });
  });

  it('deletes the character under the cursor on Ctrl-D in a line', () => {
    expect(editLine(typed(['echo hi', left]), '\x04')).toMatchObject({ state: { text: 'echo h' } });
    expect(editLine(typed(['echo hi', left]), '\x04').effect).toBeUndefined();
  });

  it('asks for the screen to be cleared on Ctrl-L and keeps the line', () => {
    expect(editLine(typed(['ls']), '\x0c')).toMatchObject({ effect: { kind: 'clear-screen' }, state: { text: 'ls' } });
  });

  it('asks for completion on Tab', () => {
    expect(editLine(typed(['aws e']), '\t').effect).toEqual({ kind: 'complete' });
  });

  it('drops control characters from pasted text', () => {
    expect(typed(['a\x07b']).text).toBe('ab');
  });

  it('ignores an escape sequence it does not know', () => {
    expect(typed(['ab', '\x1b[15~'])).toMatchObject({ text: 'ab', cursor: 2 });
  });

  it('redraws a line that wraps by moving up rows, not only columns', () => {
    const long = typed(['x'.repeat(30)], [], 20);
    const output = editLine(long, '\x01').output;
    expect(output.startsWith('\x1b[2A\r\x1b[11C')).toBe(true);
    expect(output.endsWith('\x1b[J\x1b[2A\r\x1b[11C')).toBe(true);
  });
});
