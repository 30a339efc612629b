import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import node from '@astrojs/node';
import expressiveCode from 'astro-expressive-code';
import { courseBuild } from './src/integrations/course-build.ts';
import { entryUrls } from './src/integrations/entry-url.ts';
import { pyodideSiteFiles } from './src/integrations/pyodide-files.ts';

/**
 * Astro marks each MDX lesson's asset module with `"use astro:head-inject"`, and Rolldown warns that it drops such
 * module-level directives when bundling. Astro reads the marker before bundling, not after, so dropping it changes
 * nothing (withastro/astro#18087). Only that warning is silenced; any other directive still warns.
 */
function ignoreAstroHeadInjectDirective(level, log, handle) {
  if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"')) return;
  handle(level, log);
}

/**
 * The lab shell's browser bundle (just-bash) imports `node:zlib` for gzip. Vite would replace it with an empty module
 * (and warn); the page gets src/terminal/browser-zlib.ts instead, which says gzip is unavailable. Only just-bash's
 * import is redirected: the course server's own use of zlib is untouched.
 */
function justBashZlibStandIn() {
  const standIn = fileURLToPath(new URL('src/terminal/browser-zlib.ts', import.meta.url));
  return {
    name: 'just-bash-zlib-stand-in',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id === 'node:zlib' && importer && /[\\/]just-bash[\\/]/.test(importer)) return standIn;
      return null;
    },
  };
}

/**
 * The AWS SDK parses XML (EC2's and S3's answers) with the browser's DOMParser in a browser build, and with its own
 * JavaScript parser in Node. The page gets the JavaScript one too: it is the one every unit test of this project runs,
 * and on EC2's long answers it is faster: the account diagram's reading of 5 VPCs and 50 instances went from 67 to
 * 30-40 ms in Chromium, and a command line of the lab terminal from 160 to 124 ms (bench/README.md, diagram).
 */
function sdkXmlParserInJavaScript() {
  const browserParser = /[\\/]@aws-sdk[\\/]xml-builder[\\/]dist-es[\\/]xml-parser\.browser\.js$/;
  return {
    name: 'sdk-xml-parser-in-javascript',
    enforce: 'pre',
    async load(id) {
      if (!browserParser.test(id)) return null;
      return readFile(id.replace(/xml-parser\.browser\.js$/, 'xml-parser.js'), 'utf8');
    },
  };
}

/**
 * The lab terminal's `aws` imports each SDK client package whole (every command and schema), while offline Verify's
 * checkers import a few commands each, and one module cannot be split between chunks: shared, Verify would download
 * every EC2 schema. So the modules of a client package that the terminal imports are its own copies (the same files
 * under a `?terminal` query), loaded with the terminal; the SDK's shared core stays one copy. What offline Verify
 * loads went from 547 kB to 260 kB gzipped with this (bench/README.md, transfer-size). Builds only: the dev server
 * pre-bundles the SDK and shares it.
 */
function terminalSdkClientsApart() {
  const copy = '?terminal';
  const clientPackage = /[\\/]node_modules[\\/]@aws-sdk[\\/]client-[a-z0-9-]+[\\/]/;
  return {
    name: 'terminal-sdk-clients-apart',
    apply: 'build',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (!importer) return null;
      const fromTerminal = /[\\/]src[\\/]terminal[\\/]aws[\\/]/.test(importer) && /^@aws-sdk\/client-/.test(id);
      const withinCopy = importer.endsWith(copy);
      if (!fromTerminal && !withinCopy) return null;
      const resolved = await this.resolve(id, importer.replace(copy, ''), { ...options, skipSelf: true });
      if (!resolved || resolved.external || !clientPackage.test(resolved.id) || !/\.m?js$/.test(resolved.id))
        return resolved;
      return { ...resolved, id: `${resolved.id}${copy}` };
    },
  };
}

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  // Loopback only: live mode's endpoints use the learner's AWS credentials.
  server: { host: '127.0.0.1', port: 4321 },
  // The course server (src/server/main.ts) serves the files itself and hands Astro the rest.
  adapter: node({ mode: 'middleware' }),
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
    entryUrls(),
    // Before courseBuild, which compresses the build's files, Pyodide's among them.
    pyodideSiteFiles(),
    courseBuild(),
  ],
  vite: {
    plugins: [justBashZlibStandIn(), sdkXmlParserInJavaScript(), terminalSdkClientsApart()],
    // The chunks past Vite's 500 kB warning load only when the learner opens the lab terminal (its shell, just-bash,
    // 1.7 MB minified) or runs a service's first command in it (EC2's SDK package, 1 MB); bench/README.md tracks them.
    build: { rolldownOptions: { onLog: ignoreAstroHeadInjectDirective }, chunkSizeWarningLimit: 2000 },
    environments: {
      client: {
        build: {
          rolldownOptions: {
            output: {
              // Offline Verify loads the sandbox account and the AWS SDK (about 770 kB) when the learner presses
              // Verify, never before. The SDK gets a chunk of its own: the two download in parallel, and a change
              // to the course's code leaves the SDK's chunk cached. Vite's preload helper, which the SDK's own
              // dynamic imports use too, keeps its small chunk: in the SDK's, every widget would load the SDK.
              codeSplitting: {
                groups: [
                  { name: 'preload-helper', test: /^\0vite\/preload-helper/, priority: 1 },
                  // The SDK's shared core only: each service's client package stays in a chunk of its own, which
                  // the terminal's `aws` loads on that service's first command (EC2's alone is 226 kB gzipped).
                  { name: 'aws-sdk', test: /node_modules[\\/](@smithy|@aws-crypto|@aws-sdk[\\/](?!client-))/ },
                  // The lab shell (just-bash and what it imports, 1.2 MB minified) apart from xterm and the terminal's
                  // own code: the browser parses the two at once, on two cores, before the terminal can open.
                  { name: 'just-bash', test: /node_modules[\\/]just-bash[\\/]/ },
                  // The small modules every page's progress store shares with the sandbox, the widgets and the
                  // instructor link stay one chunk: split by which chunks use each, they were five files, 0.3 kB more on
                  // every page.
                  {
                    name: 'name-record',
                    test: /src[\\/](lib[\\/](name-record|is-plain-object|error-message)|progress[\\/](format|xapi-launch-hint))\.ts$/,
                  },
                ],
              },
            },
          },
        },
      },
    },
  },
});
