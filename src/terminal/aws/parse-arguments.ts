import type { NormalizedSchema } from '@smithy/core/schema';
import type { ArgumentTable, CliArgument } from './cli-argument';
import { type CliError, exitCodes, isCliError, paramError, usageError } from './cli-error';
import { coerceToSchema } from './coerce';
import { type AwsFiles, expandHome } from './files';
import { loadParamFile } from './param-file';
import { parseShorthand } from './shorthand';

/** What the words after an operation set: the SDK input, and the values of arguments that are not input members. */
export interface ParsedArguments {
  input: Record<string, unknown>;
  /** Values of the CLI's own arguments (`outfile`, `max-items`, …) by name. */
  extra: Record<string, string | string[] | boolean>;
}

type RawValue = string | string[] | boolean;

/** Assigns the words to arguments as argparse would; unknown words are collected, missing values reported. */
function assignWords(table: ArgumentTable, words: readonly string[]): Map<string, RawValue> | CliError {
  const values = new Map<string, RawValue>();
  const unknown: string[] = [];
  const positionals = [...table.values()].filter((argument) => argument.positional);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--')) {
      const positional = positionals.shift();
      if (positional) values.set(positional.name, word);
      else unknown.push(word);
      continue;
    }
    const equals = word.indexOf('=');
    const name = equals < 0 ? word.slice(2) : word.slice(2, equals);
    const argument = table.get(name);
    if (!argument || argument.positional) {
      unknown.push(word);
      continue;
    }
    if (argument.arity === 'flag') values.set(name, argument.flagValue ?? true);
    else if (equals >= 0)
      values.set(name, argument.arity === 'many' ? [word.slice(equals + 1)] : word.slice(equals + 1));
    else if (argument.arity === 'one') {
      const value = words[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2))
        return usageError(`aws: error: argument --${name}: expected one argument`);
      values.set(name, value);
      i++;
    } else {
      const list: string[] = [];
      while (i + 1 < words.length && !words[i + 1]!.startsWith('--')) list.push(words[++i]!);
      if (list.length === 0) return usageError(`aws: error: argument --${name}: expected at least one argument`);
      values.set(name, list);
    }
  }
  if (unknown.length > 0) return usageError(`Unknown options: ${unknown.join(', ')}`);
  return values;
}

/** Whether shorthand applies: structures, maps and lists of them. */
function takesShorthand(schema: NormalizedSchema): boolean {
  if (schema.isStructSchema() || schema.isMapSchema()) return true;
  return schema.isListSchema() && !isScalar(schema.getValueSchema());
}

function isScalar(schema: NormalizedSchema): boolean {
  return !schema.isStructSchema() && !schema.isMapSchema() && !schema.isListSchema() && !schema.isDocumentSchema();
}

/** One word of a complex parameter: JSON when it looks like JSON, shorthand otherwise. */
function parseComplexWord(word: string, name: string, schema: NormalizedSchema): unknown | CliError {
  const trimmed = word.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || !takesShorthand(schema)) {
    try {
      return JSON.parse(word);
    } catch (error) {
      return paramError(
        `Error parsing parameter '--${name}': Invalid JSON: ${(error as Error).message}\nJSON received: ${word}`,
      );
    }
  }
  const members = schema.isStructSchema() ? schema.getMemberSchemas() : {};
  if (schema.isStructSchema() && Object.keys(members).length === 1 && members.Value && !word.includes('='))
    return { Value: word };
  const parsed = parseShorthand(word);
  return 'error' in parsed ? paramError(`Error parsing parameter '--${name}': ${parsed.error}`) : parsed.value;
}

/** A scalar word as the CLI reads it: whole numbers must parse, as Python's `int()` insists. */
function parseScalarWord(word: string | Uint8Array, schema: NormalizedSchema): unknown | CliError {
  if (word instanceof Uint8Array) return word;
  if (schema.isNumericSchema() && !/^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(word))
    return { message: `invalid literal for int() with base 10: '${word}'`, exitCode: exitCodes.general };
  return word;
}

/** The value of one member argument, from its words, before coercion to the schema. */
async function memberValue(
  argument: CliArgument,
  schema: NormalizedSchema,
  raw: RawValue,
  context: { files: AwsFiles; env: Record<string, string | undefined> },
): Promise<unknown | CliError> {
  if (typeof raw === 'boolean') return raw;
  const words = typeof raw === 'string' ? [raw] : raw;
  const loaded: (string | Uint8Array)[] = [];
  for (const word of words) {
    const value = await loadParamFile(word, argument.name, context.files, context.env);
    if (isCliError(value)) return value;
    loaded.push(value);
  }
  if (schema.isStreaming()) {
    const path = expandHome(String(loaded[0]), context.env);
    const bytes = await context.files.readBytes(path);
    return bytes ?? paramError(`Error parsing parameter '--${argument.name}': Blob values must be a path to a file.`);
  }
  if (schema.isListSchema()) {
    const only = loaded.length === 1 ? loaded[0] : undefined;
    if (typeof only === 'string' && only.trim().startsWith('[')) return parseComplexWord(only, argument.name, schema);
    const itemSchema = schema.getValueSchema();
    const items: unknown[] = [];
    for (const word of loaded) {
      const item = isScalar(itemSchema)
        ? parseScalarWord(word, itemSchema)
        : parseComplexWord(String(word), argument.name, itemSchema);
      if (isCliError(item)) return item;
      items.push(item);
    }
    return items;
  }
  const word = loaded[0]!;
  if (isScalar(schema)) return parseScalarWord(word, schema);
  return parseComplexWord(String(word), argument.name, schema);
}

/**
 * The SDK input for an operation from the words after it: arguments matched by name, values read from files,
 * shorthand or JSON, shaped to the schema; the CLI's errors for unknown, missing and malformed arguments.
 */
export async function parseArguments(
  table: ArgumentTable,
  words: readonly string[],
  context: { files: AwsFiles; env: Record<string, string | undefined>; baseInput?: Record<string, unknown> },
): Promise<ParsedArguments | CliError> {
  const values = assignWords(table, words);
  if (isCliError(values)) return values;
  const input: Record<string, unknown> = { ...context.baseInput };
  const missing = [...table.values()].filter(
    (argument) =>
      argument.required && !values.has(argument.name) && !(argument.member && argument.member.name in input),
  );
  if (missing.length > 0)
    return usageError(
      `aws: error: the following arguments are required: ${missing.map((a) => (a.positional ? a.name : `--${a.name}`)).join(', ')}`,
    );
  const extra: Record<string, RawValue> = {};
  const problems: string[] = [];
  for (const argument of table.values()) {
    const raw = values.get(argument.name);
    if (raw === undefined) continue;
    if (argument.apply) {
      const problem = argument.apply(input, raw);
      if (problem) return paramError(problem);
    } else if (argument.member) {
      const value = await memberValue(argument, argument.member.schema, raw, context);
      if (isCliError(value)) return value;
      input[argument.member.name] = coerceToSchema(argument.member.schema, value, argument.member.name, problems);
    } else extra[argument.name] = raw;
  }
  if (problems.length > 0) return paramError(`Parameter validation failed:\n${problems.join('\n')}`);
  return { input, extra };
}
