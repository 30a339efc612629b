import { defineCommand, type Command } from 'just-bash';

/** What `ec2-metadata` can show: its short and long option, the label it prints, and the metadata path. */
const fields: ReadonlyArray<readonly [short: string, long: string, label: string, path: string]> = [
  ['-a', '--ami-id', 'ami-id', 'meta-data/ami-id'],
  ['-i', '--instance-id', 'instance-id', 'meta-data/instance-id'],
  ['-t', '--instance-type', 'instance-type', 'meta-data/instance-type'],
  ['-h', '--local-hostname', 'local-hostname', 'meta-data/local-hostname'],
  ['-o', '--local-ipv4', 'local-ipv4', 'meta-data/local-ipv4'],
  ['-z', '--availability-zone', 'placement', 'meta-data/placement/availability-zone'],
  ['-R', '--region', 'region', 'meta-data/placement/region'],
  ['-p', '--public-hostname', 'public-hostname', 'meta-data/public-hostname'],
  ['-v', '--public-ipv4', 'public-ipv4', 'meta-data/public-ipv4'],
  ['-s', '--security-groups', 'security-groups', 'meta-data/security-groups'],
  ['-d', '--user-data', 'user-data', 'user-data'],
];

const base = 'http://169.254.169.254/latest';

/**
 * `ec2-metadata` (Amazon Linux's amazon-ec2-utils): the instance's metadata as `label: value` lines, asked of the
 * metadata service with an IMDSv2 token; every field with no option or `--all`, else the ones named.
 */
export function ec2MetadataCommand(network: typeof fetch): Command {
  return defineCommand('ec2-metadata', async (args) => {
    const unknown = args.find((arg) => arg !== '--all' && !fields.some(([s, l]) => arg === s || arg === l));
    if (unknown) return { stdout: '', stderr: `ec2-metadata: invalid option -- '${unknown}'\n`, exitCode: 1 };
    const wanted =
      args.length === 0 || args.includes('--all')
        ? fields
        : fields.filter(([s, l]) => args.includes(s) || args.includes(l));
    const tokenAnswer = await network(`${base}/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' },
    });
    const token = await tokenAnswer.text();
    const lines = await Promise.all(
      wanted.map(async ([, , label, path]) => {
        const answer = await network(`${base}/${path}`, { headers: { 'x-aws-ec2-metadata-token': token } });
        return `${label}: ${answer.ok ? (await answer.text()).replaceAll('\n', ' ') : 'not available'}\n`;
      }),
    );
    return { stdout: lines.join(''), stderr: '', exitCode: 0 };
  });
}
