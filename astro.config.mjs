import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import node from '@astrojs/node';
import expressiveCode from 'astro-expressive-code';
import { courseBuild } from './src/integrations/course-build.ts';

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  // Loopback only: live mode's endpoints use the learner's AWS credentials.
  server: { host: '127.0.0.1', port: 4321 },
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'always',
  integrations: [
    expressiveCode({
      themes: ['github-dark', 'github-light'],
      // Follow the site's theme toggle rather than only the system preference.
      themeCssSelector: (theme) => `[data-theme='${theme.type}']`,
      useDarkModeMediaQuery: false,
    }),
    mdx(),
    preact(),
    courseBuild(),
  ],
});
