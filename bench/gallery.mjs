// The gallery app of exercises 5 and 6 running in the page's Python, 20 photos.
// In Node: GET / through the page's servers (bench/gallery-render.ts). Vite loads the TypeScript, as it does in the
// site: the page's Python sources are bundled with import.meta.glob, which esbuild alone does not read.
// In Chromium, on the production build (when dist/ has one): the learner's own steps on exercise 5's page — the
// bucket filled from the lab terminal, `python3 app.py`, then the Web preview's Load until all 20 images are shown.
import { existsSync } from 'node:fs';
import { createServer } from 'vite';
import { median, openLabTerminal, withBuiltSite } from './built-site.mjs';

const photoCount = 20;
const rounds = 5;
const port = 49_000 + Math.floor(Math.random() * 1000);

async function inNode() {
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

/** Types a line at the terminal's prompt, presses Enter and waits until a row of the screen matches `done`. */
async function typeAndWait(page, line, done, timeout = 120_000) {
  await page.locator('.lab-terminal-screen textarea').focus();
  await page.keyboard.type(line);
  const started = await page.evaluate(() => performance.now());
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (pattern) =>
      [...document.querySelectorAll('.xterm-accessibility-tree > div')].some((row) =>
        new RegExp(pattern).test(row.textContent ?? ''),
      ),
    done.source,
    { timeout, polling: 'raf' },
  );
  return (await page.evaluate(() => performance.now())) - started;
}

/**
 * Loads the app at `http://localhost:5000/?round=N` in the Web preview and resolves with the ms from Load until its
 * frame shows `photoCount` loaded images. The query (which the app ignores) makes each round a new document, since
 * the same page again would leave the frame as it was; the images of the document before are marked, so only the new
 * document's count.
 */
async function loadPreview(page, round) {
  const frame = page.frameLocator('iframe.lab-preview-frame');
  await frame
    .locator('img')
    .evaluateAll((images) => {
      for (const image of images) image.dataset.shownBefore = '';
    })
    .catch(() => undefined);
  await page.getByLabel('Address', { exact: true }).fill(`http://localhost:5000/?round=${round}`);
  const started = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  for (;;) {
    const loaded = await frame
      .locator('img:not([data-shown-before])')
      .evaluateAll((images) => images.filter((image) => image.complete && image.naturalWidth > 0).length)
      .catch(() => 0);
    if (loaded === photoCount) break;
    await page.waitForTimeout(10);
  }
  return (await page.evaluate(() => performance.now())) - started;
}

async function inChromium() {
  return withBuiltSite(port, async (browser, origin) => {
    const page = await browser.newPage();
    await openLabTerminal(page, origin, '/week-2/exercise-5/');
    const photos = ['chelsea', 'coffee', 'rocket', 'astronaut'];
    const copies = Array.from(
      { length: photoCount },
      (_, i) => `aws s3 cp ~/photos/${photos[i % photos.length]}.jpg s3://$PHOTOS_BUCKET/photos/${i + 1}.jpg`,
    );
    await typeAndWait(
      page,
      `export PHOTOS_BUCKET=photos-bench && aws s3 mb s3://$PHOTOS_BUCKET && ${copies.join(' && ')} && echo "$PHOTOS_BUCKET filled"`,
      /^photos-bench filled$/,
    );
    const startup = await typeAndWait(
      page,
      'cd ~/gallery && PHOTOS_BUCKET=$PHOTOS_BUCKET python3 app.py',
      /^Press CTRL\+C to quit$/,
    );
    await page.getByRole('button', { name: 'Web preview' }).click();
    const first = await loadPreview(page, 0);
    const times = [];
    for (let round = 1; round <= rounds; round++) times.push(await loadPreview(page, round));
    return { startup, first, ms: median(times) };
  });
}

export async function run() {
  const node = await inNode();
  const lines = [node.report];
  if (existsSync('dist/serve.mjs')) {
    const browser = await inChromium();
    lines.push(
      '',
      '| measure (headless Chromium, production build) | value |',
      '| --- | --- |',
      `| \`python3 app.py\` to "Press CTRL+C to quit" (Pyodide fetched cold) | ${browser.startup.toFixed(0)} ms |`,
      `| first Load in the Web preview to ${photoCount} images shown | ${browser.first.toFixed(0)} ms |`,
      `| Load to ${photoCount} images shown, median of ${rounds} | ${browser.ms.toFixed(0)} ms |`,
    );
  } else lines.push('', 'Chromium not measured: no production build (run `npm run build` first).');
  return { ok: node.ok, report: lines.join('\n') };
}
