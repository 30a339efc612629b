import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import node from '@astrojs/node';
import expressiveCode from 'astro-expressive-code';

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  server: { host: '127.0.0.1', port: 4321 },
  adapter: node({ mode: 'standalone' }),
  integrations: [expressiveCode(), mdx(), preact()],
});
