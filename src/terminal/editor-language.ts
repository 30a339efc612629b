/** The syntaxes the editor highlights; anything else (shell scripts, notes) is plain text. */
export type EditorLanguage = 'json' | 'yaml' | 'plain';

/** The syntax of each file extension the lessons use: policies in JSON, CloudFormation templates in YAML. */
const languageOfExtension: Readonly<Record<string, EditorLanguage>> = {
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
};

/** The syntax to highlight in a file, from its extension: `vpc.yaml` → `yaml`, `user-data.sh` → `plain`. */
export function languageOfFile(name: string): EditorLanguage {
  const extension = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return Object.hasOwn(languageOfExtension, extension) ? languageOfExtension[extension]! : 'plain';
}
