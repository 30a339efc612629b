import { InMemoryFs } from 'just-bash';
import { describe, expect, it } from 'vitest';
import { lineCount, openEditorFile, saveEditorFile, textToWrite } from '../../src/terminal/editor-file';

const home = '/home/learner';

function labFiles() {
  const fs = new InMemoryFs();
  fs.writeFileSync(`${home}/vpc.yaml`, 'Resources: {}\n');
  fs.writeFileSync(`${home}/photo.jpg`, new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10]));
  fs.mkdirSync(`${home}/lab`, { recursive: true });
  return fs;
}

describe('openEditorFile', () => {
  it('opens an existing file relative to the working directory with its text', async () => {
    const file = await openEditorFile(labFiles(), home, 'vpc.yaml');
    expect(file).toEqual({ name: 'vpc.yaml', path: `${home}/vpc.yaml`, text: 'Resources: {}\n', isNew: false });
  });

  it('opens a missing file empty, to be created on save', async () => {
    const file = await openEditorFile(labFiles(), `${home}/lab`, 'notes.txt');
    expect(file).toEqual({ name: 'notes.txt', path: `${home}/lab/notes.txt`, text: '', isNew: true });
  });

  it("refuses a directory with nano's message", async () => {
    expect(await openEditorFile(labFiles(), home, 'lab')).toEqual({ message: '"lab" is a directory' });
  });

  it('refuses a file under a directory that does not exist, saying how to create it', async () => {
    expect(await openEditorFile(labFiles(), home, 'work/notes.txt')).toEqual({
      message: `Directory '${home}/work' does not exist`,
      hint: `Create it first: mkdir -p ${home}/work`,
    });
  });

  it('refuses a path under a file', async () => {
    expect(await openEditorFile(labFiles(), home, 'vpc.yaml/notes.txt')).toEqual({
      message: `Path '${home}/vpc.yaml' is not a directory`,
    });
  });

  it('refuses a binary file rather than open bytes it would damage on save', async () => {
    expect(await openEditorFile(labFiles(), home, 'photo.jpg')).toEqual({
      message: '"photo.jpg" is a binary file',
      hint: 'Only text files open in the editor.',
    });
  });
});

describe('textToWrite and lineCount', () => {
  it('adds the final newline a last line lacks, as nano and vi do', () => {
    expect(textToWrite('a\nb')).toBe('a\nb\n');
  });

  it('leaves text that ends with a newline, and empty text, as they are', () => {
    expect(textToWrite('a\n')).toBe('a\n');
    expect(textToWrite('')).toBe('');
  });

  it('counts the lines of written text as nano does', () => {
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('')).toBe(0);
  });
});

describe('saveEditorFile', () => {
  it('creates a new file with a final newline and says how many lines it saved', async () => {
    const fs = labFiles();
    const file = { name: 'notes.txt', path: `${home}/notes.txt`, text: '', isNew: true };
    expect(await saveEditorFile(fs, file, 'one\ntwo')).toEqual({ saved: true, message: 'Saved 2 lines to notes.txt' });
    expect(await fs.readFile(`${home}/notes.txt`)).toBe('one\ntwo\n');
  });

  it('says "line" for a single line', async () => {
    const file = { name: 'n.txt', path: `${home}/n.txt`, text: '', isNew: true };
    expect((await saveEditorFile(labFiles(), file, 'one')).message).toBe('Saved 1 line to n.txt');
  });

  it("reports a failed write in nano's words and does not claim it saved", async () => {
    const fs = labFiles();
    fs.writeFile = () => Promise.reject(new Error('EROFS: read-only file system'));
    const file = { name: 'n.txt', path: `${home}/n.txt`, text: '', isNew: true };
    expect(await saveEditorFile(fs, file, 'x')).toEqual({
      saved: false,
      message: 'Error writing n.txt: EROFS: read-only file system',
    });
  });
});
