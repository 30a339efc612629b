import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/emulator/sandbox';
import { editLine, type LineEditorState, newLine } from '../../src/terminal/line-editor';
import { createLabShell } from '../../src/terminal/shell';
import { applyCompletion, completeAtCursor, listColumns } from '../../src/terminal/tab-completion';

function line(text: string): LineEditorState {
  return editLine(newLine([], 11, 80), text).state;
}

async function complete(text: string, setup = 'true') {
  const shell = createLabShell({ sandbox: createSandbox() });
  await shell.run(setup);
  return completeAtCursor(line(text), shell);
}

describe('Tab completion', () => {
  it('completes a command name with a space after it', async () => {
    expect((await complete('jq')).state.text).toBe('jq ');
    expect((await complete('cur')).state.text).toBe('curl ');
  });

  it('completes an aws service', async () => {
    expect((await complete('aws cloudf')).state.text).toBe('aws cloudformation ');
  });

  it("completes an operation from the service's model", async () => {
    expect((await complete('aws ec2 create-key-p')).state.text).toBe('aws ec2 create-key-pair ');
  });

  it('completes a --parameter of the operation', async () => {
    expect((await complete('aws ec2 describe-vpcs --vpc-i')).state.text).toBe('aws ec2 describe-vpcs --vpc-ids ');
    expect((await complete('aws cloudformation create-stack --template-b')).state.text).toBe(
      'aws cloudformation create-stack --template-body ',
    );
  });

  it('completes a file name, and a folder with a slash and no space', async () => {
    expect((await complete('cat vp', 'touch vpc.yaml')).state.text).toBe('cat vpc.yaml ');
    expect((await complete('cd lab', 'mkdir -p lab/iam')).state.text).toBe('cd lab/');
    expect((await complete('cat lab/i', 'mkdir -p lab/iam')).state.text).toBe('cat lab/iam/');
  });

  it('completes a file after file://', async () => {
    const result = await complete('aws cloudformation create-stack --template-body file://vp', 'touch vpc.yaml');
    expect(result.state.text).toBe('aws cloudformation create-stack --template-body file://vpc.yaml ');
  });

  it('extends the word to what several candidates share', async () => {
    expect((await complete('aws ec2 authorize-sec')).state.text).toBe('aws ec2 authorize-security-group-');
  });

  it('lists the candidates when they share nothing more', async () => {
    const result = await complete('aws s', '');
    expect(result.listed).toBe(true);
    expect(result.output).toMatch(/s3api\s+ssm\s+sts/);
  });

  it('changes nothing when nothing matches', () => {
    const state = line('zz');
    expect(applyCompletion(state, 0, ['aws', 'curl'])).toEqual({ state, output: '', listed: false });
  });
});

describe('listColumns', () => {
  it('lists down the columns, as bash does', () => {
    expect(listColumns(['a', 'b', 'c', 'd'], 6)).toBe('a  c\r\nb  d\r\n');
  });
});
