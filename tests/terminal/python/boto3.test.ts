import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/emulator/sandbox';
import { amazonLinuxImageId } from '../../../src/emulator/services/ec2-images';
import { createLabShell, type LabShell } from '../../../src/terminal/shell';

/** Real CPython (Pyodide) starts once per file, in the first test that runs python3: a few seconds. */
const slow = { timeout: 120_000 };

/** Runs a Python program, written to a file of the shell first (no shell quoting to mind). */
async function python(shell: LabShell, source: string) {
  await shell.fs.writeFile('/home/learner/program.py', source);
  return shell.run('python3 program.py');
}

const labShell = () => createLabShell({ sandbox: createSandbox() });

const launch = `aws ec2 run-instances --image-id ${amazonLinuxImageId('us-west-2')} --instance-type t3.micro`;

/** The first ```python block of a lesson, as the page prints it. */
async function lessonPython(lesson: string): Promise<string> {
  const text = await readFile(new URL(`../../../content/${lesson}`, import.meta.url), 'utf8');
  return /```python\n([\s\S]*?)```/.exec(text)![1]!;
}

describe('boto3 in the lab terminal', () => {
  it('sees the VPC that aws ec2 create-vpc made in the same shell', slow, async () => {
    const shell = labShell();
    const vpc = (await shell.run('aws ec2 create-vpc --cidr-block 10.9.0.0/16 --query Vpc.VpcId --output text')).stdout;
    const result = await python(
      shell,
      'import boto3\ncidr = [{"Name": "cidr", "Values": ["10.9.0.0/16"]}]\n' +
        'for vpc in boto3.client("ec2").describe_vpcs(Filters=cidr)["Vpcs"]:\n' +
        '    print(vpc["VpcId"], vpc["OwnerId"])\n',
    );
    expect(result).toMatchObject({ stdout: `${vpc.trim()} 123456789012\n`, exitCode: 0 });
  });

  it('answers timestamps as timezone-aware datetimes in UTC', slow, async () => {
    const shell = labShell();
    await shell.run(launch);
    const { stdout } = await python(
      shell,
      'import boto3, datetime\nreservation = boto3.client("ec2").describe_instances()["Reservations"][0]\n' +
        'instance = reservation["Instances"][0]\n' +
        'launched = instance["LaunchTime"]\nprint(type(launched).__name__, launched.tzinfo == datetime.timezone.utc)\n',
    );
    expect(stdout).toBe('datetime True\n');
  });

  it('sends and answers bytes, the body of GetObject read with .read()', slow, async () => {
    const shell = labShell();
    const { stdout } = await python(
      shell,
      'import boto3\ns3 = boto3.client("s3", region_name="us-west-2")\n' +
        's3.create_bucket(Bucket="bytes-test", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})\n' +
        's3.put_object(Bucket="bytes-test", Key="k", Body=b"\\x00\\xffphoto")\n' +
        'body = s3.get_object(Bucket="bytes-test", Key="k")["Body"].read()\nprint(type(body).__name__, body)\n',
    );
    expect(stdout).toBe("bytes b'\\x00\\xffphoto'\n");
  });

  it("gives each answer boto3's ResponseMetadata", slow, async () => {
    const { stdout } = await python(
      labShell(),
      'import boto3\nmeta = boto3.client("sts").get_caller_identity()["ResponseMetadata"]\n' +
        'print(meta["HTTPStatusCode"], len(meta["RequestId"]) > 0, meta["RetryAttempts"])\n',
    );
    expect(stdout).toBe('200 True 0\n');
  });

  it("raises ClientError with AWS's code and message for an instance that is not there", slow, async () => {
    const { stdout } = await python(
      labShell(),
      'import boto3, botocore.exceptions\nec2 = boto3.client("ec2")\ntry:\n' +
        '    ec2.describe_instances(InstanceIds=["i-0123456789abcdef0"])\n' +
        'except ec2.exceptions.ClientError as e:\n' +
        '    print(isinstance(e, botocore.exceptions.ClientError))\n' +
        '    print(e.response["Error"]["Code"], "|", e.response["Error"]["Message"])\n    print(e)\n',
    );
    expect(stdout).toBe(
      "True\nInvalidInstanceID.NotFound | The instance ID 'i-0123456789abcdef0' does not exist\n" +
        'An error occurred (InvalidInstanceID.NotFound) when calling the DescribeInstances operation: ' +
        "The instance ID 'i-0123456789abcdef0' does not exist\n",
    );
  });

  it("raises the client's class for an error code, as boto3's modeled exceptions", slow, async () => {
    const { stdout } = await python(
      labShell(),
      'import boto3\ns3 = boto3.client("s3")\ntry:\n    s3.get_object(Bucket="no-such-bucket-here", Key="k")\n' +
        'except s3.exceptions.NoSuchBucket as e:\n    print("caught", e.response["Error"]["Code"])\n',
    );
    expect(stdout).toBe('caught NoSuchBucket\n');
  });

  it("raises IAM's declared error by its class name, matched by its code", slow, async () => {
    const { stdout } = await python(
      labShell(),
      'import boto3\niam = boto3.client("iam")\ntry:\n    iam.get_user(UserName="nobody")\n' +
        'except iam.exceptions.NoSuchEntityException as e:\n    print(type(e), e.response["Error"]["Code"])\n',
    );
    expect(stdout).toBe("<class 'botocore.errorfactory.NoSuchEntityException'> NoSuchEntity\n");
  });

  it('raises a plain ClientError for an error the service does not declare', slow, async () => {
    const result = await python(labShell(), 'import boto3\nboto3.client("ec2").create_vpc(CidrBlock="banana")\n');
    expect(result.stderr).toMatch(/\nbotocore\.exceptions\.ClientError: An error occurred \(InvalidParameterValue\)/);
  });

  it('leaves an uncaught ClientError as a traceback and exit 1', slow, async () => {
    const result = await python(labShell(), 'import boto3\nboto3.client("ec2").stop_instances(InstanceIds=["i-1"])\n');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^Traceback[\s\S]*\nbotocore\.exceptions\.ClientError: An error occurred \(/m);
  });

  it('raises NoCredentialsError when the shell has no credentials', slow, async () => {
    const shell = labShell();
    await shell.run('rm ~/.aws/credentials');
    const { stdout } = await python(
      shell,
      'import boto3\nfrom botocore.exceptions import NoCredentialsError\ntry:\n' +
        '    boto3.client("sts").get_caller_identity()\nexcept NoCredentialsError as e:\n    print(e)\n',
    );
    expect(stdout).toBe('Unable to locate credentials\n');
  });

  it("takes the shell's exported region before the config file's", slow, async () => {
    const shell = labShell();
    await shell.run('export AWS_DEFAULT_REGION=eu-west-1');
    const { stdout } = await python(shell, 'import boto3\nprint(boto3.client("ec2").meta.region_name)\n');
    expect(stdout).toBe('eu-west-1\n');
  });

  it('raises NoRegionError for a regional service when no region is set', slow, async () => {
    const shell = labShell();
    await shell.run('rm ~/.aws/config');
    const { stdout } = await python(
      shell,
      'import boto3\nfrom botocore.exceptions import NoRegionError\ntry:\n    boto3.client("ec2")\n' +
        'except NoRegionError as e:\n    print(e)\n',
    );
    expect(stdout).toBe('You must specify a region.\n');
  });

  it('raises ProfileNotFound for a profile that is nowhere', slow, async () => {
    const { stdout } = await python(
      labShell(),
      'import boto3\nfrom botocore.exceptions import ProfileNotFound\ntry:\n    boto3.Session(profile_name="gone")\n' +
        'except ProfileNotFound as e:\n    print(e)\n',
    );
    expect(stdout).toBe('The config profile (gone) could not be found\n');
  });

  it('names the services it knows for one it does not', slow, async () => {
    const result = await python(labShell(), 'import boto3\nboto3.client("lambda")\n');
    expect(result.stderr).toContain(
      "botocore.exceptions.UnknownServiceError: Unknown service: 'lambda'. Valid service names are: " +
        'cloudformation, ec2, iam, rekognition, s3, ssm, sts\n',
    );
  });

  it('has no method for an operation the service does not have', slow, async () => {
    const result = await python(labShell(), 'import boto3\nboto3.client("ec2").describe_everything()\n');
    expect(result.stderr).toContain("AttributeError: 'EC2' object has no attribute 'describe_everything'");
  });

  it('presigns a GetObject URL that curl in the same shell fetches', slow, async () => {
    const shell = labShell();
    await shell.run(
      'aws s3api create-bucket --bucket presign-test --create-bucket-configuration LocationConstraint=us-west-2',
    );
    await shell.run('echo -n "a photo" > photo.txt && aws s3 cp photo.txt s3://presign-test/photo.txt');
    const { stdout: url } = await python(
      shell,
      'import boto3\nprint(boto3.client("s3", region_name="us-west-2").generate_presigned_url(\n' +
        '    "get_object", Params={"Bucket": "presign-test", "Key": "photo.txt"}, ExpiresIn=3600))\n',
    );
    expect(url).toMatch(/X-Amz-Expires=3600/);
    expect(await shell.run(`curl -s '${url.trim()}'`)).toMatchObject({ stdout: 'a photo', exitCode: 0 });
  });

  it('pages with get_paginator, one call per page', slow, async () => {
    const shell = labShell();
    await shell.run(
      'aws s3api create-bucket --bucket pages-test --create-bucket-configuration LocationConstraint=us-west-2',
    );
    for (const key of ['a', 'b', 'c']) await shell.run(`aws s3api put-object --bucket pages-test --key ${key}`);
    const { stdout } = await python(
      shell,
      'import boto3\npages = boto3.client("s3").get_paginator("list_objects_v2")\n' +
        'for page in pages.paginate(Bucket="pages-test", PaginationConfig={"PageSize": 2}):\n' +
        '    print([item["Key"] for item in page["Contents"]])\n',
    );
    expect(stdout).toBe("['a', 'b']\n['c']\n");
  });

  it("runs the S3 lesson's upload_file and paginator code as the lesson prints it", slow, async () => {
    const shell = labShell();
    await shell.run('aws s3 mb s3://lesson-photos && echo -n "meow!" > cat.jpg');
    const result = await python(shell, `bucket = "lesson-photos"\n${await lessonPython('week-2/s3-basics.mdx')}`);
    expect(result.stdout).toMatch(/^photos\/cat\.jpg 5 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00:00\n$/);
    const head = await shell.run(
      'aws s3api head-object --bucket lesson-photos --key photos/cat.jpg --query ContentType',
    );
    expect(head.stdout).toBe('"image/jpeg"\n');
  });

  it('downloads an object to a file of the shell with download_file', slow, async () => {
    const shell = labShell();
    await shell.run('aws s3 mb s3://downloads && echo -n "saved" > a.txt && aws s3 cp a.txt s3://downloads/a.txt');
    await python(shell, 'import boto3\nboto3.client("s3").download_file("downloads", "a.txt", "copy.txt")\n');
    expect((await shell.run('cat copy.txt')).stdout).toBe('saved');
  });

  it('raises S3UploadFailedError for an upload to a bucket that is not there', slow, async () => {
    const shell = labShell();
    await shell.run('echo x > x.txt');
    const result = await python(
      shell,
      'import boto3\nboto3.client("s3").upload_file("x.txt", "not-a-bucket-here", "x")\n',
    );
    expect(result.stderr).toMatch(
      /S3UploadFailedError: Failed to upload x\.txt to not-a-bucket-here\/x: An error occurred \(NoSuchBucket\)/,
    );
  });

  it("runs exercise 4's code as the lesson prints it", slow, async () => {
    const shell = labShell();
    await shell.run('aws configure set aws_access_key_id "$(aws configure get aws_access_key_id)" --profile edx');
    await shell.run(
      'aws configure set aws_secret_access_key "$(aws configure get aws_secret_access_key)" --profile edx',
    );
    await shell.run('aws ec2 create-key-pair --key-name edx-key --query KeyFingerprint --output text > fingerprint');
    const instance = (await shell.run(`${launch} --key-name edx-key --query Instances[0].InstanceId --output text`))
      .stdout;
    const fingerprint = (await shell.run('cat fingerprint')).stdout;
    const result = await python(shell, await lessonPython('week-2/exercise-4.mdx'));
    expect(result.stdout).toMatch(new RegExp(`^${instance.trim()} (pending|running)\nedx-key ${fingerprint}$`));
  });
});
