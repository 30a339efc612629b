import { describe, expect, it } from 'vitest';
import { closeMatches, similarity } from '../../../src/terminal/aws/close-matches';

describe('closeMatches', () => {
  it('suggests the operation one letter away, as the CLI does', () => {
    expect(closeMatches('describe-vpcz', ['describe-vpc-attribute', 'describe-vpcs', 'describe-vpn-gateways'])).toEqual(
      ['describe-vpcs'],
    );
  });

  it('suggests cp for cpp', () => {
    expect(closeMatches('cpp', ['ls', 'cp', 'mv', 'rm', 'mb', 'rb', 'presign'])).toEqual(['cp']);
  });

  it('suggests nothing under 80% similar', () => {
    expect(closeMatches('csv', ['json', 'text', 'table', 'yaml'])).toEqual([]);
  });

  it('scores as difflib does: twice the matching characters over both lengths', () => {
    expect(similarity('abcd', 'bcde')).toBe(0.75);
  });
});
