// The README's picture of each data generator (docs/generators/<name>.png): the real element in
// Chromium, served by Vite from the source, trained a little on each generator's data, and its
// decision map (the points over the network's boundary) saved as a PNG.
//   node scripts/generator-pictures.mjs
/* global document, customElements, requestAnimationFrame -- inside page.evaluate, in the browser */
import { Buffer } from 'node:buffer';
import { mkdir, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { chromiumArgs, findBrowser } from './find-browser.mjs';

/** The settings of each picture: a seed and sizes that show the generator's shape. */
const PICTURES = {
  circles: { generator: 'circles', samples: '200', 'hidden-units': '3', iterations: '300' },
  moons: { generator: 'moons', samples: '200', 'hidden-units': '6', iterations: '600', 'learning-rate': '0.01' },
  blobs: { generator: 'blobs', classes: '3', samples: '150', noise: '0.3', 'hidden-units': '4', iterations: '300' },
  xor: { generator: 'xor', samples: '200', 'hidden-units': '4', iterations: '600', 'learning-rate': '0.01' },
  spiral: {
    generator: 'spiral',
    classes: '3',
    samples: '300',
    noise: '0.05',
    'hidden-units': '16',
    iterations: '2000',
    'learning-rate': '0.005',
  },
};

const server = await createServer({ logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: findBrowser(), args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 400, height: 400 }, deviceScaleFactor: 1 });
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('backprop-lab') !== undefined);
  await mkdir('docs/generators', { recursive: true });
  for (const [name, attributes] of Object.entries(PICTURES)) {
    const dataUrl = await page.evaluate(async (attrs) => {
      document.body.replaceChildren();
      const lab = document.createElement('backprop-lab');
      const all = { views: 'decision-map', controls: 'none', 'no-captions': '', speed: 'max', seed: '1', ...attrs };
      for (const [key, value] of Object.entries(all)) lab.setAttribute(key, value);
      lab.style.cssText = 'display: block; width: 300px';
      document.body.append(lab);
      await lab.start();
      const result = await lab.whenFinished();
      if (result.state !== 'done') throw new Error(`${attrs.generator}: the run ended ${result.state}`);
      const map = lab.shadowRoot.querySelector('bp-decision-map');
      // the full-resolution frame after training: wait until the map has drawn since the end
      const drawn = map.drawCount;
      await new Promise((resolve) => {
        const check = () => (map.drawCount > drawn ? resolve() : requestAnimationFrame(check));
        lab.refreshColors();
        requestAnimationFrame(check);
      });
      return lab.toDataURL('decision-map');
    }, attributes);
    const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
    await writeFile(`docs/generators/${name}.png`, png);
    console.log(`docs/generators/${name}.png (${png.length} bytes)`);
  }
} finally {
  await browser.close();
  await server.close();
}
