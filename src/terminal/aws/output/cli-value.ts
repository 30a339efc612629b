/** A response value as the CLI formats it: JSON data, timestamps already ISO 8601 text, blobs base64 text. */
export type CliValue = string | number | boolean | null | CliValue[] | { [key: string]: CliValue };

/** Whether a value is a list or an object (the formats treat both as "not a scalar"). */
export function isContainer(value: unknown): value is CliValue[] | { [key: string]: CliValue } {
  return typeof value === 'object' && value !== null;
}

/** A scalar as Python's `str()` prints it, which the text and table formats use: `True`, `None`. */
export function pythonString(value: CliValue | undefined): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  return String(value);
}
