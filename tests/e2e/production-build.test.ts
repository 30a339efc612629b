import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const site = inject('siteUrl');
const client = join(inject('buildDir'), 'client');

/** The JavaScript files of the build, as paths on the site. */
const builtScripts = () =>
  readdirSync(join(client, '_astro'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `/_astro/${name}`);

describe('the build the browser tests use', () => {
  it('is the one being served: the home page loads its scripts', async () => {
    const html = await (await fetch(`${site}/`)).text();
    const loaded = [...html.matchAll(/src="(\/_astro\/[^"]+\.js)"/g)].map((match) => match[1]);
    expect(loaded.length).toBeGreaterThan(0);
    expect(builtScripts()).toEqual(expect.arrayContaining(loaded));
  });

  it('ships production JavaScript: no development JSX runtime, no paths of the machine that built it', async () => {
    const scripts = builtScripts();
    expect(scripts.length).toBeGreaterThan(10);
    for (const path of scripts) {
      const code = await (await fetch(`${site}${path}`)).text();
      expect(code, path).not.toContain('jsxDEV');
      expect(code, path).not.toContain(process.cwd());
    }
  });
});
