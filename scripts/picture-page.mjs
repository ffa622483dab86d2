// The README pictures' browser: the real element in Chromium, served by Vite from the source on
// an empty page. generator-pictures.mjs (one per data generator) and view-pictures.mjs (one per
// view) both take their pictures here.
/* global document, customElements, requestAnimationFrame -- inside page.evaluate, in the browser */
import { Buffer } from 'node:buffer';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { chromiumArgs, findBrowser } from './find-browser.mjs';

/**
 * Runs `take(page)` on the demo page (its body emptied, `<backprop-lab>` defined) at `viewport`
 * and device scale 1, then closes the browser and the server.
 * @param {{ width: number, height: number }} viewport
 * @param {(page: import('playwright').Page) => Promise<void>} take
 */
export async function withPicturePage(viewport, take) {
  const server = await createServer({ logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  const browser = await chromium.launch({ executablePath: findBrowser(), args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport, deviceScaleFactor: 1, colorScheme: 'light' });
    await page.goto(server.resolvedUrls.local[0]);
    await page.waitForFunction(() => customElements.get('backprop-lab') !== undefined);
    await page.evaluate(() => {
      document.body.replaceChildren();
      document.body.style.margin = '0';
    });
    await take(page);
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * Puts one `<backprop-lab id="lab">` with `attributes` (seed 1, max speed unless they say
 * otherwise) on the page in place of the last, `css` its inline style, trains it to the end and
 * waits for every view's full-resolution frame after it.
 * @param {import('playwright').Page} page
 * @param {Record<string, string>} attributes
 * @param {string} css
 */
export async function trainedLab(page, attributes, css) {
  await page.evaluate(
    async ([attrs, style]) => {
      document.body.replaceChildren();
      const lab = document.createElement('backprop-lab');
      lab.id = 'lab';
      for (const [key, value] of Object.entries({ speed: 'max', seed: '1', ...attrs })) lab.setAttribute(key, value);
      lab.style.cssText = `display: block; ${style}`;
      document.body.append(lab);
      await lab.start();
      const result = await lab.whenFinished();
      if (result.state !== 'done') throw new Error(`the run ended ${result.state}: ${JSON.stringify(attrs)}`);
    },
    [attributes, css],
  );
  await viewsDrawn(page);
}

/** Waits until every view of the lab has drawn a frame after now (e.g. after a seek or a hover). */
export async function viewsDrawn(page) {
  await page.evaluate(async () => {
    const lab = document.getElementById('lab');
    await lab.updateComplete;
    const views = [...lab.shadowRoot.querySelectorAll('bp-decision-map, bp-hidden-space, bp-network, bp-cost-curve')];
    const before = views.map((view) => view.drawCount ?? 0);
    lab.refreshColors();
    await new Promise((resolve) => {
      const check = () =>
        views.every((v, i) => (v.drawCount ?? 1) > before[i]) ? resolve() : requestAnimationFrame(check);
      requestAnimationFrame(check);
    });
    await Promise.all(views.map((view) => view.drawComplete));
  });
}

/** Writes a `data:image/png;base64,…` URL or PNG bytes to `path`, and says so. */
export async function savePng(path, png) {
  const bytes = typeof png === 'string' ? Buffer.from(png.replace(/^data:image\/png;base64,/, ''), 'base64') : png;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  console.log(`${path} (${bytes.length} bytes)`);
}
