import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/emulator/sandbox';
import { createLabShell } from '../../../src/terminal/shell';

const labShell = () => createLabShell({ sandbox: createSandbox() });

describe('pip in the lab shell', () => {
  it('says boto3 is already there, exit 0', async () => {
    expect(await labShell().run('pip install boto3')).toEqual({
      stdout: "Requirement already satisfied: boto3 (the lab terminal's own, for the sandbox)\n",
      stderr: '',
      exitCode: 0,
    });
  });

  it('takes botocore and a version specifier as boto3 too, with pip3', async () => {
    expect((await labShell().run('pip3 install --user boto3==1.35.0 botocore')).exitCode).toBe(0);
  });

  it('says another package cannot be installed offline, exit 1', async () => {
    const result = await labShell().run('pip install boto3 requests');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^ERROR: cannot install requests: the lab terminal installs no packages/);
  });

  it('reads the requirements file -r names', async () => {
    const shell = labShell();
    await shell.run(`printf 'boto3>=1.34\\n# the web app\\nPillow==11.0\\n' > requirements.txt`);
    expect((await shell.run('pip install -r requirements.txt')).stderr).toMatch(/^ERROR: cannot install pillow:/);
  });

  it("says Flask is already there: the lab terminal's own, exit 0", async () => {
    expect(await labShell().run("pip install 'Flask>=3.0'")).toMatchObject({
      stdout: "Requirement already satisfied: flask (the lab terminal's own, for the sandbox)\n",
      exitCode: 0,
    });
  });

  it('says a requirements file is not there, exit 1', async () => {
    expect(await labShell().run('pip install -r requirements.txt')).toEqual({
      stdout: '',
      stderr: "ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requirements.txt'\n",
      exitCode: 1,
    });
  });

  it('answers python3 -m pip as pip', async () => {
    expect((await labShell().run('python3 -m pip install boto3')).exitCode).toBe(0);
  });
});
