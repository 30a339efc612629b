import { describe, expect, it } from 'vitest';
import { awsRegions, regionProblem } from '../../src/lib/aws-regions';

describe('regionProblem', () => {
  it('accepts every listed AWS region', () => {
    for (const region of awsRegions) expect(regionProblem(region)).toBeUndefined();
  });

  it('names a malformed region as not a region', () => {
    expect(regionProblem('mars-1')).toBe(
      '"mars-1" is not an AWS region: region names look like us-west-2 or eu-central-1.',
    );
  });

  it('lets a well-formed region opened after this list through', () => {
    expect(regionProblem('eu-west-4')).toBeUndefined();
  });

  it('refuses a real region the sandbox does not serve, listing those it does', () => {
    expect(regionProblem('eu-west-3', ['us-east-1', 'us-west-2'])).toBe(
      'eu-west-3 is an AWS region, but the sandbox account has no eu-west-3; it serves us-east-1, us-west-2.',
    );
  });

  it('names an opt-in region as one the sandbox account has not enabled', () => {
    expect(regionProblem('ap-southeast-7', ['us-east-1', 'us-west-2'])).toBe(
      'ap-southeast-7 is an opt-in AWS region, which the sandbox account has not enabled; it serves us-east-1, us-west-2.',
    );
  });

  it('refuses an unknown well-formed region in the sandbox as not an AWS region', () => {
    expect(regionProblem('us-west-9', ['us-west-2'])).toMatch(/^"us-west-9" is not an AWS region, and the sandbox/);
  });
});
