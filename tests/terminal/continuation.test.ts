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

describe('needsMoreInput and compound commands', () => {
  it('asks for more until a for loop reaches its done', () => {
    const loop = ['for region in a b; do', '  echo "$region"', 'done'];
    expect(needsMoreInput(loop[0]!)).toBe(true);
    expect(needsMoreInput(loop.slice(0, 2).join('\n'))).toBe(true);
    expect(needsMoreInput(loop.join('\n'))).toBe(false);
  });

  it('asks for more until if reaches fi, through nested loops', () => {
    expect(needsMoreInput('if true; then\n  while false; do echo x; done')).toBe(true);
    expect(needsMoreInput('if true; then\n  while false; do echo x; done\nfi')).toBe(false);
  });

  it('asks for more inside an open brace group or case', () => {
    expect(needsMoreInput('greet() {\n  echo hi')).toBe(true);
    expect(needsMoreInput('greet() {\n  echo hi\n}')).toBe(false);
    expect(needsMoreInput('case "$x" in\n  a) echo a ;;')).toBe(true);
    expect(needsMoreInput('case "$x" in\n  a) echo a ;;\nesac')).toBe(false);
  });

  it('counts reserved words only where a command starts, not as arguments, quotes or comments', () => {
    expect(needsMoreInput('echo for if while')).toBe(false);
    expect(needsMoreInput('echo "do it"; # for later')).toBe(false);
    expect(needsMoreInput("aws s3 ls --query 'if'")).toBe(false);
  });

  it('ignores reserved words in a here-document body', () => {
    expect(needsMoreInput('cat <<EOF\nfor\nEOF')).toBe(false);
  });
});
