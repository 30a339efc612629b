import { describe, expect, it } from 'vitest';
import { needsMoreInput } from '../../src/terminal/continuation';

describe('needsMoreInput', () => {
  it('is false for a complete command', () => {
    expect(needsMoreInput('aws ec2 describe-vpcs --query "Vpcs[0]"')).toBe(false);
  });

  it('asks for more after a line ending in a backslash', () => {
    expect(needsMoreInput('aws cloudformation create-stack --stack-name s \\')).toBe(true);
  });

  it('is complete once the continued command ends', () => {
    expect(needsMoreInput('aws cloudformation create-stack \\\n  --stack-name s')).toBe(false);
  });

  it('asks for more inside an open quote', () => {
    expect(needsMoreInput(`aws ec2 run-instances --tag-specifications 'ResourceType=instance,`)).toBe(true);
  });

  it('asks for more inside an open $(', () => {
    expect(needsMoreInput('VPC_ID=$(aws ec2 describe-vpcs \\\n  --query Vpcs[0].VpcId')).toBe(true);
  });

  it('asks for more after a trailing pipe or &&', () => {
    expect(needsMoreInput('cat vpc.yaml |')).toBe(true);
    expect(needsMoreInput('mkdir lab &&')).toBe(true);
  });

  it('asks for more until the here-document delimiter line', () => {
    expect(needsMoreInput('cat > page.html <<PAGE\n<h1>Hi</h1>')).toBe(true);
    expect(needsMoreInput('cat > page.html <<PAGE\n<h1>Hi</h1>\nPAGE')).toBe(false);
  });

  it('reads a quote inside a comment as part of the comment', () => {
    expect(needsMoreInput("aws iam create-access-key   # don't share it")).toBe(false);
  });

  it('reads a backslash inside single quotes as a character', () => {
    expect(needsMoreInput("echo 'a\\'")).toBe(false);
  });
});
