import { stringify } from 'yaml';
import { type CliValue, isContainer } from './cli-value';
import { formatJson } from './json-format';

/**
 * The CLI's `--output yaml` (ruamel's safe dumper): keys sorted, lists not indented under their key, strings
 * quoted only where YAML would read them as something else (timestamps included); a scalar answer is printed as JSON, as the CLI does.
 */
export function formatYaml(value: CliValue): string {
  if (!isContainer(value)) return formatJson(value);
  if (!Array.isArray(value) && Object.keys(value).length === 0) return '';
  return stringify(value, {
    indentSeq: false,
    sortMapEntries: true,
    singleQuote: true,
    lineWidth: 80,
    // Text that YAML 1.1 would read as a timestamp is quoted, as ruamel quotes the CLI's ISO times.
    customTags: ['timestamp'],
  });
}
