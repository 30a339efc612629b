/** What a `curl` command line asks for. */
export interface CurlRequest {
  url?: string;
  method?: string;
  headers: [string, string][];
  /** Each `-d` value, joined with `&` as curl sends them; `@FILE` values are read by the command. */
  data: string[];
  output?: string;
  silent: boolean;
  includeHeaders: boolean;
}

/** A command line curl refuses, with the message it prints and its exit code. */
export interface CurlUsageError {
  message: string;
  exitCode: number;
}

type Apply = (request: CurlRequest, value: string) => void;

const withValue: Record<string, Apply> = {
  X: (request, value) => {
    request.method = value;
  },
  H: (request, value) => {
    const colon = value.indexOf(':');
    if (colon > 0) request.headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
  },
  d: (request, value) => {
    request.data.push(value);
  },
  o: (request, value) => {
    request.output = value;
  },
};

const flags: Record<string, (request: CurlRequest) => void> = {
  s: (request) => {
    request.silent = true;
  },
  i: (request) => {
    request.includeHeaders = true;
  },
};

/** curl's long options, by the short letter they stand for. */
const longOptions: Record<string, string> = {
  request: 'X',
  header: 'H',
  data: 'd',
  'data-raw': 'd',
  'data-binary': 'd',
  output: 'o',
  silent: 's',
  include: 'i',
};

function unknownOption(option: string): CurlUsageError {
  return {
    message: `curl: option ${option}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
    exitCode: 2,
  };
}

function missingValue(option: string): CurlUsageError {
  return {
    message: `curl: option ${option}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
    exitCode: 2,
  };
}

/**
 * Reads curl's arguments: `-X`, `-H`, `-d`, `-o`, `-s`, `-i` and their long names, short flags grouped as curl
 * allows (`-sX PUT`, `-sSi`), and the URL.
 */
export function parseCurlArguments(args: readonly string[]): CurlRequest | CurlUsageError {
  const request: CurlRequest = { headers: [], data: [], silent: false, includeHeaders: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const letter = longOptions[arg.slice(2)];
      if (letter === undefined) return unknownOption(arg);
      if (flags[letter]) flags[letter](request);
      else if (i + 1 < args.length) withValue[letter]!(request, args[++i]!);
      else return missingValue(arg);
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let at = 1; at < arg.length; at++) {
        const letter = arg[at]!;
        if (flags[letter]) flags[letter](request);
        else if (withValue[letter]) {
          const rest = arg.slice(at + 1);
          if (rest) withValue[letter](request, rest);
          else if (i + 1 < args.length) withValue[letter](request, args[++i]!);
          else return missingValue(`-${letter}`);
          break;
        } else return unknownOption(`-${letter}`);
      }
    } else request.url = arg;
  }
  return request;
}
