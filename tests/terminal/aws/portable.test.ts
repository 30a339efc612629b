import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = 'src/terminal/aws';
const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));

/** The packages `aws` may import: the SDK and small pure-JavaScript libraries that run in the page as in Node. */
const allowed = [
  /^@aws-sdk\/client-/,
  /^@smithy\//,
  /^@aws-crypto\//,
  /^@jmespath-community\/jmespath$/,
  /^ini$/,
  /^yaml$/,
];

describe('src/terminal/aws', () => {
  it.each(sources)('%s imports no Node module, shell or browser code', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const imports = [...text.matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((match) => match[1]!);
    for (const name of imports.filter((name) => !name.startsWith('.')))
      expect(
        allowed.some((pattern) => pattern.test(name)),
        name,
      ).toBe(true);
    for (const name of imports.filter((name) => name.startsWith('.'))) {
      const target = join(root, dirname(file), name);
      expect(target.startsWith(`${root}/`) || target === 'src/emulator/base64', target).toBe(true);
    }
  });
});
