import { type CliValue, isContainer } from './cli-value';

function render(value: CliValue, indent: string): string {
  if (!isContainer(value)) return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + render(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${render(item, inner)}`).join(',\n')}\n${indent}}`;
}

/**
 * The CLI's `--output json`: Python's `json.dump(indent=4, ensure_ascii=False)` and a newline; an empty answer
 * (`{}`) prints nothing.
 */
export function formatJson(value: CliValue): string {
  if (isContainer(value) && !Array.isArray(value) && Object.keys(value).length === 0) return '';
  return `${render(value, '')}\n`;
}
