import { describe, expect, it } from 'vitest';
import { fileNameSlug, fileNameSlugMaxLength } from '../../src/lib/file-name-slug';

describe('fileNameSlug', () => {
  it('drops accents, lowers the case and joins words with single dashes', () => {
    expect(fileNameSlug('  Élève   Numéro 7 ')).toBe('eleve-numero-7');
  });

  it('turns characters that some OS refuses in a file name into dashes, never leaving one at either end', () => {
    expect(fileNameSlug('../a<b>c:d"e/f\\g|h?i*j.')).toBe('a-b-c-d-e-f-g-h-i-j');
  });

  it('keeps letters of other scripts', () => {
    expect(fileNameSlug('学生 Ωmega')).toBe('学生-ωmega');
  });

  it('gives an empty slug for text without a letter or a digit', () => {
    expect(fileNameSlug(' .. @@ ')).toBe('');
  });

  it(`cuts a long text to ${fileNameSlugMaxLength} characters, with no dash at the cut`, () => {
    const slug = fileNameSlug(`${'a'.repeat(59)} ${'b'.repeat(100)}`);
    expect(slug).toBe('a'.repeat(59));
    expect(fileNameSlug('x'.repeat(500))).toHaveLength(fileNameSlugMaxLength);
  });
});
