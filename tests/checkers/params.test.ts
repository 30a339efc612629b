import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { galleryParams } from '../../checkers/gallery-params';
import { checkers } from '../../checkers/index';
import { paramFields } from '../../checkers/params';
import { askPhrases } from '../../checkers/surface';

describe('checker parameters', () => {
  it('give the Verify panel each field with its label, hint, default and whether it is required', () => {
    expect(paramFields(galleryParams)).toEqual([
      expect.objectContaining({ name: 'bucket', label: 'Photo bucket', env: 'PHOTOS_BUCKET', required: true }),
      expect.objectContaining({
        name: 'appUrl',
        label: 'Gallery app address',
        defaultValue: 'http://localhost:5000',
        required: false,
      }),
    ]);
  });

  it('are labelled in every checker', () => {
    for (const checker of Object.values(checkers))
      for (const field of paramFields(checker.params)) expect(field.label.length).toBeGreaterThan(2);
  });

  it('refuse a parameter declared without a label', () => {
    expect(() => paramFields(z.object({ vpcName: z.string() }))).toThrow('Parameter vpcName has no label');
  });

  it('are the same schema for exercises 5 and 6', () => {
    expect(checkers['exercise-5']!.params).toBe(checkers['exercise-6']!.params);
  });
});

describe('asking the learner to change something', () => {
  const fields = paramFields(galleryParams);

  it('names flags in the terminal', () => {
    const ask = askPhrases('cli', fields);
    expect(ask.param('bucket', 'NAME')).toBe('pass --param bucket=NAME (or set PHOTOS_BUCKET)');
    expect(ask.region('eu-west-1')).toBe('add --region eu-west-1');
  });

  it('names fields and the Region box in the Verify panel', () => {
    const ask = askPhrases('panel', fields);
    expect(ask.param('bucket', 'NAME')).toBe('enter it in the "Photo bucket" field');
    expect(ask.region('eu-west-1')).toBe('choose eu-west-1 in the Region box');
    expect(ask.profile('admin')).toContain('AWS_PROFILE=admin npm start');
  });
});
