import { describe, expect, it } from 'vitest';
import { AwsError } from '../../src/emulator/aws-error';
import { countParameter } from '../../src/emulator/services/s3-count-parameter';

const url = (query: string) => new URL(`http://s3.localhost/bucket?${query}`);

describe('countParameter', () => {
  it('reads a count, above 1000 too, so a part-number marker past part 1000 pages on', () => {
    expect(countParameter(url('part-number-marker=1500'), 'part-number-marker', 0)).toBe(1500);
  });

  it('gives the default when the request leaves the parameter out', () => {
    expect(countParameter(url('prefix=a'), 'max-keys', 1000)).toBe(1000);
  });

  it.each(['-1', 'abc', '1.5', '', '1e3'])('refuses %j with InvalidArgument naming the parameter', (value) => {
    const read = () => countParameter(url(`max-keys=${value}`), 'max-keys', 1000);
    expect(read).toThrow(AwsError);
    expect(read).toThrow('Provided max-keys not an integer or within integer range');
  });
});
