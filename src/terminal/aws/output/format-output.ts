import type { CliValue } from './cli-value';
import { formatJson } from './json-format';
import { formatTable } from './table-format';
import { formatText } from './text-format';
import { formatYaml } from './yaml-format';

/** Formats an answer (already queried) in one of the CLI's output formats. */
type Formatter = (operation: string, value: CliValue, terminalWidth: number) => string;

/** The CLI's output formats by `--output` name. */
export const formatters: Record<string, Formatter> = {
  json: (_, value) => formatJson(value),
  text: (_, value) => formatText(value),
  table: (operation, value, width) => formatTable(operation, value, width),
  yaml: (_, value) => formatYaml(value),
  'yaml-stream': (_, value) => formatYaml([value]),
};
