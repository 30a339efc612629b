import type { ArgumentTable, CliArgument } from './cli-argument';
import { bytesToBase64 } from '../../emulator/base64';

type Input = Record<string, unknown>;

/** Puts a value on the first network interface, creating it (`DeviceIndex` 0) as the CLI's run-instances does. */
function setOnFirstInterface(input: Input, key: string, value: unknown): undefined {
  input.NetworkInterfaces ??= [{ DeviceIndex: 0 }];
  const interfaces = input.NetworkInterfaces as Input[];
  if (key !== 'PrivateIpAddresses' || !interfaces[0]![key]) interfaces[0]![key] = value;
  return undefined;
}

/** Puts a value on the single permission the CLI's security-group shortcuts build. */
function setOnPermission(input: Input, key: string, value: unknown): undefined {
  input.IpPermissions ??= [{}];
  const permission = (input.IpPermissions as Input[])[0]!;
  if (key === 'GroupId' || key === 'GroupName' || key === 'UserId') {
    permission.UserIdGroupPairs ??= [{}];
    (permission.UserIdGroupPairs as Input[])[0]![key] = value;
  } else permission[key] = value;
  return undefined;
}

const protocols = new Set(['tcp', 'udp', 'icmp', 'all']);

/** `--protocol tcp|udp|icmp|all|N`, as the CLI's security-group shortcut checks it. */
function applyProtocol(input: Input, value: unknown): string | undefined {
  const text = String(value);
  const number = Number(text);
  if (/^-?\d+$/.test(text)) {
    if ((number < 0 || number > 255) && number !== -1)
      return 'protocol numbers must be in the range 0-255 or -1 to specify all protocols';
  } else if (!protocols.has(text))
    return 'protocol parameter should be one of: tcp|udp|icmp|all or any valid protocol number.';
  return setOnPermission(input, 'IpProtocol', text === 'all' ? '-1' : text);
}

/** `--port 22`, `--port 22-25`, `--port all`. */
function applyPort(input: Input, value: unknown): string | undefined {
  const text = String(value);
  const [from, to] =
    text === '-1' || text === 'all' ? ['-1', '-1'] : text.includes('-') ? text.split('-', 2) : [text, text];
  if (!/^-?\d+$/.test(from ?? '') || !/^-?\d+$/.test(to ?? ''))
    return 'port parameter should be of the form <from[-to]> (e.g. 22 or 22-25)';
  setOnPermission(input, 'FromPort', Number(from));
  return setOnPermission(input, 'ToPort', Number(to));
}

function custom(name: string, arity: CliArgument['arity'], apply: NonNullable<CliArgument['apply']>): CliArgument {
  return { name, arity, required: false, apply, ...(arity === 'flag' ? { flagValue: true } : {}) };
}

function hide(table: ArgumentTable, ...names: string[]): void {
  for (const name of names) {
    const argument = table.get(name);
    if (argument) argument.hidden = true;
  }
}

function rename(table: ArgumentTable, from: string, to: string): void {
  const argument = table.get(from);
  if (!argument) return;
  table.delete(from);
  table.set(to, { ...argument, name: to });
}

/** The security-group shortcuts: `--protocol tcp --port 22 --cidr 0.0.0.0/0` instead of `--ip-permissions`. */
function securityGroupShortcuts(table: ArgumentTable): void {
  table.set('protocol', custom('protocol', 'one', applyProtocol));
  table.set('port', custom('port', 'one', applyPort));
  table.set(
    'cidr',
    custom('cidr', 'one', (input, value) => setOnPermission(input, 'IpRanges', [{ CidrIp: value }])),
  );
  table.set(
    'source-group',
    custom('source-group', 'one', (input, value) =>
      setOnPermission(input, String(value).startsWith('sg-') ? 'GroupId' : 'GroupName', value),
    ),
  );
  table.set(
    'group-owner',
    custom('group-owner', 'one', (input, value) => setOnPermission(input, 'UserId', value)),
  );
  hide(table, 'ip-protocol', 'from-port', 'to-port', 'cidr-ip', 'source-security-group-name');
  hide(table, 'source-security-group-owner-id');
}

/** run-instances: `--count N[:M]` instead of min and max, and the first interface's public address and private IPs. */
function runInstancesArguments(table: ArgumentTable): void {
  table.delete('min-count');
  table.delete('max-count');
  table.set(
    'count',
    custom('count', 'one', (input, value) => {
      const [min, max] = String(value).includes(':') ? String(value).split(':') : [String(value), String(value)];
      if (!/^\d+$/.test(min ?? '') || !/^\d+$/.test(max ?? '')) return 'count must be an integer or min:max';
      input.MinCount = Number(min);
      input.MaxCount = Number(max);
      return undefined;
    }),
  );
  table.set(
    'secondary-private-ip-addresses',
    custom('secondary-private-ip-addresses', 'many', (input, value) =>
      setOnFirstInterface(
        input,
        'PrivateIpAddresses',
        (value as string[]).map((address) => ({ PrivateIpAddress: address, Primary: false })),
      ),
    ),
  );
  table.set(
    'secondary-private-ip-address-count',
    custom('secondary-private-ip-address-count', 'one', (input, value) =>
      setOnFirstInterface(input, 'SecondaryPrivateIpAddressCount', Number(value)),
    ),
  );
  const associate = custom('associate-public-ip-address', 'flag', (input, value) =>
    setOnFirstInterface(input, 'AssociatePublicIpAddress', value),
  );
  table.set(associate.name, associate);
  table.set('no-associate-public-ip-address', {
    ...associate,
    name: 'no-associate-public-ip-address',
    flagValue: false,
  });
}

/** Operations whose streamed answer goes to a file named on the line: `aws s3api get-object … OUTFILE`. */
function outfileArgument(table: ArgumentTable): void {
  table.set('outfile', { name: 'outfile', arity: 'one', required: true, positional: true });
}

/** The CLI's changes to generated argument tables, by `service.operation` (`*` for any operation). */
const argumentCustomizations: Record<string, (table: ArgumentTable) => void> = {
  'ec2.*': (table) => {
    rename(table, 'no-egress', 'ingress');
    rename(table, 'no-disable-api-termination', 'enable-api-termination');
  },
  'ec2.create-image': (table) => rename(table, 'no-no-reboot', 'reboot'),
  'ec2.run-instances': runInstancesArguments,
  'ec2.authorize-security-group-ingress': securityGroupShortcuts,
  'ec2.authorize-security-group-egress': securityGroupShortcuts,
  'ec2.revoke-security-group-ingress': securityGroupShortcuts,
  'ec2.revoke-security-group-egress': securityGroupShortcuts,
  'rekognition.create-stream-processor': (table) => rename(table, 'output', 'stream-processor-output'),
  's3api.get-object': outfileArgument,
  's3api.get-object-torrent': outfileArgument,
};

/** Applies the CLI's argument customizations for one operation to its table. */
export function customizeArguments(service: string, operation: string, table: ArgumentTable): void {
  argumentCustomizations[`${service}.*`]?.(table);
  argumentCustomizations[`${service}.${operation}`]?.(table);
}

/** The first interface takes the subnet, groups and addresses once a shortcut created it (the CLI's `_fix_args`). */
function moveToFirstInterface(input: Input): void {
  const first = (input.NetworkInterfaces as Input[] | undefined)?.[0];
  const shortcuts = ['PrivateIpAddresses', 'SecondaryPrivateIpAddressCount', 'AssociatePublicIpAddress'];
  if (!first || !shortcuts.some((key) => key in first)) return;
  const moves: [string, string][] = [
    ['SubnetId', 'SubnetId'],
    ['SecurityGroupIds', 'Groups'],
    ['Ipv6AddressCount', 'Ipv6AddressCount'],
    ['Ipv6Addresses', 'Ipv6Addresses'],
  ];
  for (const [from, to] of moves) {
    if (from in input) {
      first[to] = input[from];
      delete input[from];
    }
  }
  if ('PrivateIpAddress' in input) {
    first.PrivateIpAddresses = [{ PrivateIpAddress: input.PrivateIpAddress, Primary: true }];
    delete input.PrivateIpAddress;
  }
}

/** A change botocore or the CLI makes around one operation: to its input before sending, to its output after. */
interface OperationCustomization {
  input?: (input: Input, notes: Set<string>) => void;
  output?: (output: Input, notes: Set<string>) => void;
}

/** S3 list operations: botocore asks for url-encoded keys (so any key survives XML) and decodes them again. */
function urlEncodedListing(topLevel: string[], nested: [string, string][]): OperationCustomization {
  return {
    input: (input, notes) => {
      if ('EncodingType' in input) return;
      input.EncodingType = 'url';
      notes.add('encoding-type-auto-set');
    },
    output: (output, notes) => {
      if (output.EncodingType !== 'url' || !notes.has('encoding-type-auto-set')) return;
      const decode = (value: unknown) =>
        typeof value === 'string' ? decodeURIComponent(value.replaceAll('+', ' ')) : value;
      for (const key of topLevel) if (key in output) output[key] = decode(output[key]);
      for (const [list, key] of nested)
        for (const item of (output[list] as Input[] | undefined) ?? []) item[key] = decode(item[key]);
    },
  };
}

/** The CLI's and botocore's changes around operations, by `service.Operation`. */
const operationCustomizations: Record<string, OperationCustomization> = {
  'ec2.RunInstances': {
    input: (input) => {
      input.MaxCount ??= 1;
      input.MinCount ??= 1;
      moveToFirstInterface(input);
      if (typeof input.UserData === 'string') input.UserData = bytesToBase64(new TextEncoder().encode(input.UserData));
    },
  },
  's3api.ListObjects': urlEncodedListing(
    ['Delimiter', 'Marker', 'NextMarker'],
    [
      ['Contents', 'Key'],
      ['CommonPrefixes', 'Prefix'],
    ],
  ),
  's3api.ListObjectsV2': urlEncodedListing(
    ['Delimiter', 'Prefix', 'StartAfter'],
    [
      ['Contents', 'Key'],
      ['CommonPrefixes', 'Prefix'],
    ],
  ),
  's3api.ListObjectVersions': urlEncodedListing(
    ['KeyMarker', 'NextKeyMarker', 'Prefix', 'Delimiter'],
    [
      ['Versions', 'Key'],
      ['DeleteMarkers', 'Key'],
      ['CommonPrefixes', 'Prefix'],
    ],
  ),
};

/**
 * The CLI's customizations around one call: `customizeInput` changes the input built from the line,
 * `customizeOutput` each answer (every page of a paginated one).
 */
export function operationCustomization(service: string, operation: string) {
  const customization = operationCustomizations[`${service}.${operation}`];
  const notes = new Set<string>();
  return {
    customizeInput: (input: Input) => customization?.input?.(input, notes),
    customizeOutput: (output: Input) => customization?.output?.(output, notes),
  };
}
