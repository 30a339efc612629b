import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../scripts/require-node.mjs';

describe('the Node version check', () => {
  it('tells someone on Node 20 the version needed and the exact command to run instead', () => {
    const problem = nodeVersionProblem('20.20.2');
    expect(problem).toContain('This course needs Node.js 22.12.0 or newer; this is Node.js 20.20.2.');
    expect(problem).toContain("npx -y -p node@24 -c 'npm install && npm start'");
  });

  it('lets Node 22.12 and newer through', () => {
    expect(nodeVersionProblem('22.12.0')).toBeUndefined();
    expect(nodeVersionProblem('24.21.0')).toBeUndefined();
  });

  it('runs before npm install does anything a learner sees, with npm’s own engine errors out of the way', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.preinstall).toBe('node scripts/require-node.mjs');
    const npmrc = readFileSync('.npmrc', 'utf8');
    expect(npmrc).not.toMatch(/^engine-strict\s*=\s*true/m);
    expect(npmrc).toMatch(/^loglevel=error$/m);
  });
});
