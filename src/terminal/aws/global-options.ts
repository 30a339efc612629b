/** The options every `aws` command takes, wherever they appear on the line. */
export interface GlobalOptions {
  region?: string;
  profile?: string;
  output?: string;
  query?: string;
  endpointUrl?: string;
  debug: boolean;
  noPaginate: boolean;
  noSignRequest: boolean;
  version: boolean;
  cliInputJson?: string;
  color?: string;
}

type OptionSetter = (options: GlobalOptions, value: string) => void;

/** Global options that take a value, and where each goes. */
export const valueOptions: Record<string, OptionSetter> = {
  region: (o, v) => {
    o.region = v;
  },
  profile: (o, v) => {
    o.profile = v;
  },
  output: (o, v) => {
    o.output = v;
  },
  query: (o, v) => {
    o.query = v;
  },
  'endpoint-url': (o, v) => {
    o.endpointUrl = v;
  },
  'cli-input-json': (o, v) => {
    o.cliInputJson = v;
  },
  color: (o, v) => {
    o.color = v;
  },
  'ca-bundle': () => {},
  'cli-read-timeout': () => {},
  'cli-connect-timeout': () => {},
  'cli-binary-format': () => {},
};

/** Global switches. */
export const flagOptions: Record<string, (options: GlobalOptions) => void> = {
  debug: (o) => {
    o.debug = true;
  },
  'no-paginate': (o) => {
    o.noPaginate = true;
  },
  'no-sign-request': (o) => {
    o.noSignRequest = true;
  },
  version: (o) => {
    o.version = true;
  },
  'no-verify-ssl': () => {},
  'no-cli-pager': () => {},
  'no-cli-auto-prompt': () => {},
};

/** The output formats `--output` accepts. */
export const outputFormats = ['json', 'text', 'table', 'yaml', 'yaml-stream'] as const;
