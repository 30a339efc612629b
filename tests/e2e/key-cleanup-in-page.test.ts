import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openRecordingErrors } from './browser';
import { configureEdx, exercise3Network, policyAndUser } from './course-in-page';
import { lessonCommand, openLabTerminal, outputSince, typeCommand, verifyOffline } from './lab-page';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Exercise 4's user with its access key, then the key clean-up lesson's page and terminal. */
async function userWithKey(page: Page): Promise<string> {
  await exercise3Network(page);
  const { id } = await policyAndUser(page);
  await openLabTerminal(page, '/week-2/key-cleanup/');
  return id;
}

describe('the key clean-up done in the page', () => {
  it("deactivates and deletes the user's key with the lesson's commands, and Verify passes", {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    const keyId = await userWithKey(page);
    await typeCommand(page, (await lessonCommand(page, 'delete-access-key')).replaceAll('AKIA...EXAMPLE', keyId));
    expect(await verifyOffline(page)).toMatch(/^Passed: (\d+) of \1 checks/);
    expect(errors).toEqual([]);
  });

  it("tears everything down in the lesson's order as the administrator, though exercise 5's profile is still set", {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    await exercise3Network(page);
    const key = await policyAndUser(page);
    await configureEdx(page, key);
    // What exercises 4 and 5 leave: Ex4WebServer in the public subnet with exercise3-sg, and a bucket with a photo.
    const subnet =
      '$(aws ec2 describe-subnets --filters Name=tag:Name,Values=edx-subnet-public-a ' +
      "--query 'Subnets[0].SubnetId' --output text)";
    const group =
      '$(aws ec2 describe-security-groups --filters Name=group-name,Values=exercise3-sg ' +
      "--query 'SecurityGroups[0].GroupId' --output text)";
    await typeCommand(
      page,
      'aws ec2 run-instances --instance-type t2.micro ' +
        '--image-id resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 ' +
        `--subnet-id ${subnet} --security-group-ids ${group} ` +
        "--tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=Ex4WebServer}]' " +
        "--query 'Instances[0].State'",
    );
    await typeCommand(page, 'echo photo > photo.txt && aws s3 mb s3://photos-123456789012-us-west-2');
    await typeCommand(page, 'aws s3 cp photo.txt s3://photos-123456789012-us-west-2/photos/photo.txt');
    await openLabTerminal(page, '/week-2/key-cleanup/');
    await typeCommand(page, 'export AWS_PROFILE=edx');
    await typeCommand(page, (await lessonCommand(page, 'delete-access-key')).replaceAll('AKIA...EXAMPLE', key.id));
    for (const word of ['IDS=', 'SG_ID=', 'delete-stack', 'delete-key-pair'])
      await typeCommand(page, await lessonCommand(page, word), 60_000);
    await typeCommand(
      page,
      'echo LEFT; aws cloudformation list-stacks --query "StackSummaries[].StackStatus" --output text; ' +
        'aws ec2 describe-vpcs --filters Name=tag:Name,Values=edx-build-aws-vpc --query "length(Vpcs)"; ' +
        'aws ec2 describe-key-pairs --query "length(KeyPairs)"; aws s3api list-buckets --query "length(Buckets)"',
    );
    expect((await outputSince(page, 'LEFT')).split('\n').slice(0, 4)).toEqual(['DELETE_COMPLETE', '0', '0', '0']);
    expect(errors).toEqual([]);
  });

  it('fails the check while the key is still there, naming it masked', { timeout: 300_000 }, async () => {
    const { page, errors } = await openRecordingErrors(browser);
    const keyId = await userWithKey(page);
    expect(await verifyOffline(page)).toMatch(/^Not yet: 2 of 3 checks/);
    // The key's id is shown masked, as everywhere Verify reports a key.
    const masked = `${keyId.slice(0, 4)}…${keyId.slice(-4)}`;
    await expect
      .poll(() => page.locator('.verify-result').textContent())
      .toContain(`edXProjectUser still has an access key: ${masked} (Active)`);
    expect(await page.locator('.verify-result').textContent()).not.toContain(keyId);
    expect(errors).toEqual([]);
  });
});
