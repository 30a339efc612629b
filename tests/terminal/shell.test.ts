import { describe, expect, it, vi } from 'vitest';
import { createSandbox } from '../../src/emulator/sandbox';
import { createLabShell } from '../../src/terminal/shell';

const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}';

function labShell() {
  const sandbox = createSandbox();
  return { sandbox, shell: createLabShell({ sandbox }) };
}

describe('createLabShell: a shell whose state lasts from line to line', () => {
  it('keeps a variable set on one line for the next', async () => {
    const { shell } = labShell();
    await shell.run('GREETING=hello');
    expect((await shell.run('echo "$GREETING world"')).stdout).toBe('hello world\n');
  });

  it('keeps the last exit status in $? for the next line', async () => {
    const { shell } = labShell();
    await shell.run('false');
    expect((await shell.run('echo "status $?"')).stdout).toBe('status 1\n');
    expect((await shell.run('echo "status $?"')).stdout).toBe('status 0\n');
  });

  it('keeps an exported variable for the commands of later lines', async () => {
    const { shell } = labShell();
    await shell.run('export BUCKET=photos-1');
    expect((await shell.run('printenv BUCKET')).stdout).toBe('photos-1\n');
  });

  it('keeps the directory cd changed to, and shows it in the prompt', async () => {
    const { shell } = labShell();
    expect(shell.prompt()).toBe('learner:~$ ');
    await shell.run('mkdir -p work/lab && cd work/lab');
    expect((await shell.run('pwd')).stdout).toBe('/home/learner/work/lab\n');
    expect(shell.prompt()).toBe('learner:~/work/lab$ ');
    await shell.run('cd /tmp');
    expect(shell.prompt()).toBe('learner:/tmp$ ');
  });

  it('starts in the learner home with HOME and USER set', async () => {
    const { shell } = labShell();
    expect((await shell.run('echo $HOME $USER; pwd')).stdout).toBe('/home/learner learner\n/home/learner\n');
  });
});

describe('createLabShell: bash as the lessons use it', () => {
  it('honours single and double quotes', async () => {
    const { shell } = labShell();
    const result = await shell.run(`X=1; echo 'a $X' "b $X" c\\ d`);
    expect(result.stdout).toBe('a $X b 1 c d\n');
  });

  it('pipes, redirects and appends', async () => {
    const { shell } = labShell();
    await shell.run('printf "b\\na\\nc\\n" > list.txt; echo d >> list.txt');
    expect((await shell.run('sort list.txt | head -n 2')).stdout).toBe('a\nb\n');
  });

  it('substitutes $(...) and runs && and || by exit status', async () => {
    const { shell } = labShell();
    const result = await shell.run('N=$(echo 3); test "$N" = 3 && echo yes || echo no; false && echo x || echo y');
    expect(result.stdout).toBe('yes\ny\n');
  });

  it('writes here-documents with variables expanded', async () => {
    const { shell } = labShell();
    await shell.run('NAME=web\ncat > page.html <<PAGE\n<h1>Hello from $NAME</h1>\n  indented\nPAGE');
    expect((await shell.run('cat page.html')).stdout).toBe('<h1>Hello from web</h1>\n  indented\n');
  });

  it('runs jq, base64, grep and chmod', async () => {
    const { shell } = labShell();
    await shell.run(`echo '{"Vpcs":[{"VpcId":"vpc-1"}]}' > vpcs.json; touch key.pem; chmod 400 key.pem`);
    expect((await shell.run('jq -r ".Vpcs[0].VpcId" vpcs.json')).stdout).toBe('vpc-1\n');
    expect((await shell.run('echo -n hi | base64 | base64 -d')).stdout).toBe('hi');
    expect((await shell.run('grep -c VpcId vpcs.json')).stdout).toBe('1\n');
    expect((await shell.run('stat -c %a key.pem')).stdout).toBe('400\n');
  });

  it('answers an unknown command with 127', async () => {
    const { shell } = labShell();
    const result = await shell.run('terraform apply');
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toContain('terraform: command not found');
  });

  it('lists aws, curl and the built-in commands', () => {
    const { shell } = labShell();
    expect(shell.commandNames()).toEqual(expect.arrayContaining(['aws', 'curl', 'jq', 'grep', 'clear']));
  });

  it('clears the scrollback too', async () => {
    const { shell } = labShell();
    expect((await shell.run('clear')).stdout).toBe('\x1b[H\x1b[2J\x1b[3J');
  });
});

describe('createLabShell: aws against the sandbox', () => {
  it('is configured for the sandbox account in us-west-2', async () => {
    const { shell } = labShell();
    const result = await shell.run('aws sts get-caller-identity --query Account --output text');
    expect(result).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^\d{12}\n$/) });
    expect((await shell.run('cat ~/.aws/config')).stdout).toContain('region = us-west-2');
  });

  it('changes the sandbox it was given', async () => {
    const { sandbox, shell } = labShell();
    const result = await shell.run('aws ec2 create-vpc --cidr-block 10.1.0.0/16 --query Vpc.VpcId --output text');
    expect(result.exitCode).toBe(0);
    const vpcs = Object.values(sandbox.state.accounts).flatMap((account) =>
      Object.values(account.regions).flatMap((region) => Object.values(region.vpcs)),
    );
    expect(vpcs.map((vpc) => vpc.vpcId)).toContain(result.stdout.trim());
  });

  it('feeds its output to a variable and the next command', async () => {
    const { shell } = labShell();
    await shell.run('VPC_ID=$(aws ec2 create-vpc --cidr-block 10.1.0.0/16 --query Vpc.VpcId --output text)');
    const result = await shell.run('aws ec2 describe-vpcs --vpc-ids "$VPC_ID" --query "Vpcs[0].CidrBlock"');
    expect(result.stdout).toBe('"10.1.0.0/16"\n');
  });

  it('reads file:// paths relative to the working directory', async () => {
    const { shell } = labShell();
    await shell.run(`mkdir iam && cd iam && echo '${policy}' > policy.json`);
    const result = await shell.run(
      'aws iam create-policy --policy-name p1 --policy-document file://policy.json --query Policy.PolicyName',
    );
    expect(result).toMatchObject({ exitCode: 0, stdout: '"p1"\n' });
  });

  it('uploads a folder with s3 cp --recursive and moves a local file with s3 mv', async () => {
    const { shell } = labShell();
    await shell.run('mkdir -p photos/2024 && echo a > photos/cat.jpg && echo b > photos/2024/dog.jpg');
    await shell.run('echo c > notes.txt && aws s3 mb s3://my-photos');
    const copied = await shell.run('aws s3 cp photos s3://my-photos/p --recursive');
    expect(copied.exitCode).toBe(0);
    expect(copied.stdout).toContain('upload: photos/2024/dog.jpg to s3://my-photos/p/2024/dog.jpg');
    expect((await shell.run('aws s3 mv notes.txt s3://my-photos/notes.txt')).exitCode).toBe(0);
    expect((await shell.run('ls notes.txt')).exitCode).not.toBe(0);
    const listed = await shell.run('aws s3 ls s3://my-photos --recursive');
    expect(listed.stdout).toMatch(/p\/2024\/dog\.jpg[\s\S]*p\/cat\.jpg/);
    expect(listed.stdout).toContain('notes.txt');
  });

  it('reads file:///dev/stdin from the pipe', async () => {
    const { shell } = labShell();
    const result = await shell.run(
      `echo '${policy}' | ` +
        'aws iam create-policy --policy-name p2 --policy-document file:///dev/stdin --query Policy.PolicyName',
    );
    expect(result).toMatchObject({ exitCode: 0, stdout: '"p2"\n' });
  });

  it('uses the keys aws configure wrote to ~/.aws/credentials', async () => {
    const { shell } = labShell();
    await shell.run('aws iam create-user --user-name edXProjectUser');
    await shell.run(
      'aws iam create-access-key --user-name edXProjectUser --query "AccessKey.[AccessKeyId,SecretAccessKey]" ' +
        '--output text > key.txt',
    );
    await shell.run('aws configure set aws_access_key_id $(cut -f1 key.txt)');
    await shell.run('aws configure set aws_secret_access_key $(cut -f2 key.txt)');
    const result = await shell.run('aws sts get-caller-identity --query Arn --output text');
    expect(result.stdout).toMatch(/:user\/edXProjectUser\n$/);
  });

  it('prints the CLI error and exit code when the service refuses', async () => {
    const { shell } = labShell();
    const result = await shell.run('aws ec2 describe-vpcs --vpc-ids vpc-00000000 || echo "failed with $?"');
    expect(result.stderr).toContain(
      'An error occurred (InvalidVpcID.NotFound) when calling the DescribeVpcs operation',
    );
    expect(result.stdout).toBe('failed with 254\n');
  });
});

describe('createLabShell: a sandbox loaded when first needed', () => {
  it('does not load the sandbox for a line without aws or curl', async () => {
    const load = vi.fn(async () => createSandbox());
    const shell = createLabShell({ sandbox: load });
    expect((await shell.run('echo ready; ls ~/.aws')).stdout).toBe('ready\nconfig\ncredentials\n');
    expect(load).not.toHaveBeenCalled();
  });

  it('loads it for aws and answers from it', async () => {
    const sandbox = createSandbox();
    const shell = createLabShell({ sandbox: async () => sandbox });
    const result = await shell.run('aws ec2 create-vpc --cidr-block 10.2.0.0/16 --query Vpc.CidrBlock --output text');
    expect(result).toMatchObject({ exitCode: 0, stdout: '10.2.0.0/16\n' });
    const vpcs = Object.values(sandbox.state.accounts).flatMap((account) =>
      Object.values(account.regions).flatMap((region) => Object.values(region.vpcs)),
    );
    expect(vpcs.map((vpc) => vpc.cidrBlock)).toContain('10.2.0.0/16');
  });

  it('loads it for curl and answers AWS addresses from it', async () => {
    const load = vi.fn(async () => createSandbox());
    const shell = createLabShell({ sandbox: load });
    const { stdout } = await shell.run(
      "curl -sX POST -H 'X-Amz-Target: AmazonSSM.GetParameter' -d '{}' https://ssm.us-west-2.amazonaws.com/",
    );
    expect(stdout).toContain('MissingAuthenticationToken');
    expect(load).toHaveBeenCalled();
  });
});
