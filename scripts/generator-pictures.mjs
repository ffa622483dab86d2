// The README's picture of each data generator (docs/generators/<name>.png): the real element in
// Chromium (picture-page.mjs), trained a little on each generator's data, and its decision map
// (the points over the network's boundary) saved as a PNG.
//   node scripts/generator-pictures.mjs
/* global document -- inside page.evaluate, in the browser */
import { savePng, trainedLab, withPicturePage } from './picture-page.mjs';

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

await withPicturePage({ width: 400, height: 400 }, async (page) => {
  for (const [name, attributes] of Object.entries(PICTURES)) {
    await trainedLab(
      page,
      { views: 'decision-map', controls: 'none', 'no-captions': '', ...attributes },
      'width: 300px',
    );
    const dataUrl = await page.evaluate(() => document.getElementById('lab').toDataURL('decision-map'));
    await savePng(`docs/generators/${name}.png`, dataUrl);
  }
});
