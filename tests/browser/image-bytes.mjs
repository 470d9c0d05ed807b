// How many bytes of images a page loads before the visitor scrolls, in the system
// Chromium through playwright-core (tests/testsuite/photos.rs judges the figure; the
// photo benchmark of docs/performance.md runs it on the 40-photo site).
// The page is opened in a phone-sized viewport and left alone until the network is
// idle: what Chromium fetches then is what a phone fetches on arrival, lazy images
// within its look-ahead distance included. Prints one JSON object:
//   { total, images: [{ url, bytes, type }] }   bytes of each image response's body
// Usage: node image-bytes.mjs '{"chromium":…,"url":…,"width":390,"height":844,"dpr":3}'
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const cfg = JSON.parse(process.argv[2]);

const browser = await chromium.launch({
  executablePath: cfg.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
const ctx = await browser.newContext({
  viewport: { width: cfg.width, height: cfg.height },
  deviceScaleFactor: cfg.dpr,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
});
const origin = new URL(cfg.url).origin;
await ctx.route('**/*', (r) => (r.request().url().startsWith(origin) ? r.continue() : r.abort()));
const page = await ctx.newPage();
const pending = [];
page.on('response', (response) => {
  if (response.request().resourceType() !== 'image') return;
  pending.push(response.body().then(
    (body) => ({ url: response.url(), bytes: body.length, type: response.headers()['content-type'] || '' }),
    () => ({ url: response.url(), bytes: 0, type: 'failed' }),
  ));
});
await page.goto(cfg.url, { waitUntil: 'networkidle' });
// Lazy images near the viewport are requested after layout: give them time to start.
await page.waitForTimeout(500);
await page.waitForLoadState('networkidle');
const images = await Promise.all(pending);
const scrolled = await page.evaluate(() => window.scrollY);
await browser.close();
const total = images.reduce((sum, i) => sum + i.bytes, 0);
console.log(JSON.stringify({ total, scrolled, images }));
