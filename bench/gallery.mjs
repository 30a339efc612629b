// The gallery app of exercises 5 and 6 running in the page's Python: GET / with 20 photos through the page's
// servers (bench/gallery-render.ts), in Node. Vite loads the TypeScript, as it does in the site: the page's Python
// sources are bundled with import.meta.glob, which esbuild alone does not read.
import { createServer } from 'vite';

export async function run() {
  const vite = await createServer({
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
  });
  try {
    const { measure } = await vite.ssrLoadModule('/bench/gallery-render.ts');
    return await measure();
  } finally {
    await vite.close();
  }
}
