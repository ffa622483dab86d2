/* global document */
import { chromium } from 'playwright';
import { chromiumArgs, findBrowser } from '../../scripts/find-browser.mjs';
const extra = (process.env.ARGS_EXTRA ?? '').split(',').filter(Boolean);
const browser = await chromium.launch({ executablePath: findBrowser(), args: [...chromiumArgs, ...extra] });
const page = await browser.newPage();
await page.goto('chrome://gpu');
await page.waitForTimeout(1500);
const text = await page.evaluate(() => {
  const el = document.querySelector('info-view');
  const root = el?.shadowRoot ?? document;
  return (root.querySelector('#content') ?? root).innerText;
});
console.log(text.slice(0, 6000));
await browser.close();
