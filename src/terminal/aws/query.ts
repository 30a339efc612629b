import {
  compile,
  type JSONValue,
  registerFunction,
  search,
  TreeInterpreter,
  TYPE_ARRAY,
  TYPE_EXPREF,
} from '@jmespath-community/jmespath';
import { type CliError, paramError } from './cli-error';
import type { CliValue } from './output/cli-value';

type ExpressionNode = Parameters<typeof TreeInterpreter.visit>[0];

/**
 * `max_by`/`min_by` as the CLI's Python jmespath has them: keys may be numbers or strings (all one kind), an empty
 * list gives null, and the first of equal keys wins.
 */
function extremeBy(name: string, better: (a: number | string, b: number | string) => boolean) {
  return ([items, expression]: (JSONValue | ExpressionNode)[]): JSONValue => {
    const list = items as JSONValue[];
    let best: JSONValue = null;
    let bestKey: number | string | undefined;
    for (const item of list) {
      const key = TreeInterpreter.visit(expression as ExpressionNode, item);
      if (typeof key !== 'number' && typeof key !== 'string')
        throw new Error(
          `In function ${name}(), invalid type for value: ${JSON.stringify(key)}, expected one of: ['number', 'string']`,
        );
      if (bestKey === undefined || better(key, bestKey)) {
        best = item;
        bestKey = key;
      }
    }
    return best;
  };
}

let registered = false;

function registerCliFunctions(): void {
  if (registered) return;
  registered = true;
  const signature = [{ types: [TYPE_ARRAY] }, { types: [TYPE_EXPREF] }];
  registerFunction(
    'max_by',
    extremeBy('max_by', (a, b) => a > b),
    signature,
    { override: true },
  );
  registerFunction(
    'min_by',
    extremeBy('min_by', (a, b) => a < b),
    signature,
    { override: true },
  );
}

/** A `--query` the library cannot compile, refused before any request is sent, as the CLI's parser does. */
export function queryProblem(expression: string): CliError | undefined {
  try {
    compile(expression, { enable_legacy_literals: true });
    return undefined;
  } catch (error) {
    return paramError(`Bad value for --query ${expression}: ${syntaxMessage(expression, (error as Error).message)}`);
  }
}

/** A syntax error in Python jmespath's words where they can be told: an expression that ends too soon. */
function syntaxMessage(expression: string, message: string): string {
  if (/\bEOF\b|end of/.test(message))
    return `Invalid jmespath expression: Incomplete expression:\n"${expression}"\n${' '.repeat(expression.length + 1)}^`;
  return `Invalid jmespath expression: ${message}`;
}

/** Applies a `--query` JMESPath expression to a response, as the CLI does; a bad expression is a parameter error. */
export function applyQuery(expression: string, value: CliValue): CliValue | CliError {
  registerCliFunctions();
  try {
    return search(value as JSONValue, expression, { enable_legacy_literals: true }) as CliValue;
  } catch (error) {
    return paramError(`Bad value for --query ${expression}: ${(error as Error).message}`);
  }
}
