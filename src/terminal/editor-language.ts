/** The syntaxes the editor highlights; anything else (shell scripts, notes) is plain text. */
export type EditorLanguage = 'json' | 'yaml' | 'python' | 'plain';

/**
 * The syntax of each file extension the lessons use: policies in JSON, CloudFormation templates in YAML, the SDK
 * scripts and the gallery app in Python.
 */
const languageOfExtension: Readonly<Record<string, EditorLanguage>> = {
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  py: 'python',
};

/** One level of indentation in each syntax: Python's four spaces (PEP 8), two elsewhere. */
export const indentOfLanguage: Readonly<Record<EditorLanguage, string>> = {
  json: '  ',
  yaml: '  ',
  python: '    ',
  plain: '  ',
};

/** The syntax to highlight in a file, from its extension: `vpc.yaml` → `yaml`, `user-data.sh` → `plain`. */
export function languageOfFile(name: string): EditorLanguage {
  const extension = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return Object.hasOwn(languageOfExtension, extension) ? languageOfExtension[extension]! : 'plain';
}
