import type { NormalizedSchema } from '@smithy/core/schema';
import { type CliError, isCliError } from './cli-error';
import { cliValue } from './cli-response';
import type { GlobalOptions } from './global-options';
import type { CliValue } from './output/cli-value';
import { formatters } from './output/format-output';
import { formatText } from './output/text-format';
import { fullResult, type PagedResult } from './paginate';
import { applyQuery } from './query';

/** A call's answer: one response, or the pages of a paginated one. */
export type CallResult = { response: Record<string, unknown> } | { paged: PagedResult };

function queried(value: CliValue, query: string | undefined): CliValue | CliError {
  return query === undefined ? value : applyQuery(query, value);
}

/** Text output of pages, as the CLI streams it: each page formatted (and queried) on its own, then the token. */
function pagedText(paged: PagedResult, query: string | undefined, schema: NormalizedSchema): string | CliError {
  const out: string[] = [];
  for (const [i, page] of paged.pages.entries()) {
    const current: Record<string, unknown> = i === 0 ? { ...paged.nonAggregate } : {};
    for (const key of paged.resultKeys) if (page[key] !== undefined) current[key] = page[key];
    const value = queried(cliValue(current, schema), query);
    if (isCliError(value)) return value;
    out.push(formatText(value));
  }
  if (paged.resumeToken) {
    const token = queried({ NextToken: { NextToken: paged.resumeToken } }, query);
    if (isCliError(token)) return token;
    out.push(formatText(token));
  }
  return out.join('');
}

/** The answer in the chosen output format, after `--query`. */
export function printResult(
  result: CallResult,
  operation: { name: string; output: NormalizedSchema },
  format: string,
  options: GlobalOptions,
  terminalWidth: number,
): string | CliError {
  if ('paged' in result && format === 'text') return pagedText(result.paged, options.query, operation.output);
  const data = cliValue('paged' in result ? fullResult(result.paged) : result.response, operation.output);
  const value = queried(data, options.query);
  if (isCliError(value)) return value;
  return (formatters[format] ?? formatters.json!)(operation.name, value, terminalWidth);
}
