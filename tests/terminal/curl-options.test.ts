import { describe, expect, it } from 'vitest';
import { parseCurlArguments } from '../../src/terminal/curl-options';

describe('parseCurlArguments', () => {
  it('reads grouped short flags with a value at the end, as in curl -sX PUT', () => {
    expect(parseCurlArguments(['-sX', 'PUT', 'http://h/'])).toMatchObject({
      silent: true,
      method: 'PUT',
      url: 'http://h/',
    });
  });

  it('reads a value joined to its flag', () => {
    expect(parseCurlArguments(['-XDELETE', 'http://h/'])).toMatchObject({ method: 'DELETE' });
  });

  it('collects every -H header, split at the first colon', () => {
    expect(parseCurlArguments(['-H', 'A: 1', '--header', 'B:x:y', 'u'])).toMatchObject({
      headers: [
        ['A', '1'],
        ['B', 'x:y'],
      ],
    });
  });

  it('collects every -d value in order', () => {
    expect(parseCurlArguments(['-d', 'a=1', '--data', 'b=2', 'u'])).toMatchObject({ data: ['a=1', 'b=2'] });
  });

  it('refuses a flag missing its value', () => {
    expect(parseCurlArguments(['http://h/', '-o'])).toMatchObject({ exitCode: 2 });
  });
});
