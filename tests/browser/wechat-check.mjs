// The real-browser part of the WeChat edition test (tests/testsuite/wechat.rs): does the
// copy area survive a paste into the 公众号 editor, which keeps inline styles only?
// For each edition: open it at 390 CSS px in the system Chromium, screenshot the copy
// area (the element marked data-wechat-copy) as shown in its page; take its HTML, remove
// every class and id attribute, render that alone in a blank page without any
// stylesheet, and screenshot it at the same size. Both PNGs go to the output folder; the
// Rust test compares their pixels. Also reports console errors and the copy button's
// result (the Clipboard API with text/html).
// Usage: node wechat-check.mjs CONFIG_JSON   ({chromium, out, prefix, base, pages: [path…]})
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const cfg = JSON.parse(process.argv[2]);
const out = { pages: [], errors: [] };

const browser = await chromium.launch({
  executablePath: cfg.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--hide-scrollbars'],
});

const WIDTH = 390;

// Every image decoded, then two frames: Chromium first paints a scaled image with a
// fast filter and repaints it with the smooth one, and the screenshots must not catch
// one page before the other.
const settle = (page) => page.evaluate(async () => {
  await Promise.all([...document.images].map((i) => i.decode().catch(() => {})));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await new Promise((r) => setTimeout(r, 300));
});
for (const [n, rel] of cfg.pages.entries()) {
  const ctx = await browser.newContext({ viewport: { width: WIDTH, height: 844 }, locale: 'zh-CN', deviceScaleFactor: 1 });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(cfg.base).origin });
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') out.errors.push(`${rel}: ${m.text()}`); });
  page.on('pageerror', (e) => out.errors.push(`${rel}: ${e.message}`));
  await page.goto(cfg.base + rel, { waitUntil: 'load' });
  await settle(page);
  const area = page.locator('[data-wechat-copy]');
  const box = await area.boundingBox();
  const clip = { x: box.x, y: box.y, width: box.width, height: box.height };
  const inPage = path.join(cfg.out, `${cfg.prefix}-${n}-page.png`);
  await page.screenshot({ path: inPage, clip, fullPage: true });
  const stripped = await page.evaluate(() => {
    const copy = document.querySelector('[data-wechat-copy]').cloneNode(true);
    for (const el of copy.querySelectorAll('[class], [id]')) {
      el.removeAttribute('class');
      el.removeAttribute('id');
    }
    return copy.innerHTML;
  });
  // The copy button puts the copy area's HTML on the clipboard as text/html.
  await page.click('[data-wechat-copy-button]');
  await page.waitForFunction(() => document.querySelector('.wx-copy-state').textContent !== '');
  const copied = await page.evaluate(async () => {
    try {
      const items = await navigator.clipboard.read();
      const item = items.find((i) => i.types.includes('text/html'));
      return item ? await (await item.getType('text/html')).text() : null;
    } catch (e) {
      return `clipboard unreadable: ${e}`;
    }
  });
  await ctx.close();

  // The blank page is as wide, and its body puts the area where it is in its page
  // (the body's place and width only: no style reaches the area). Why the same place:
  // Chromium rasterises in tiles, and a scaled image drawn across a tile edge at
  // another offset differs in a few pixels of its filtering, whatever the CSS.
  const blankCtx = await browser.newContext({ viewport: { width: WIDTH, height: 844 }, locale: 'zh-CN', deviceScaleFactor: 1 });
  const blank = await blankCtx.newPage();
  blank.on('pageerror', (e) => out.errors.push(`${rel} (alone): ${e.message}`));
  await blank.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0;padding:${box.y}px 0 0 ${box.x}px;width:${box.width}px">${stripped}</body></html>`, { waitUntil: 'load' });
  await settle(blank);
  const alone = path.join(cfg.out, `${cfg.prefix}-${n}-alone.png`);
  await blank.screenshot({ path: alone, clip, fullPage: true });
  const aloneHeight = await blank.evaluate(() => document.body.getBoundingClientRect().height);
  await blankCtx.close();
  out.pages.push({
    page: rel, box, inPage, alone, aloneHeight,
    copied,
  });
}
await browser.close();
process.stdout.write(JSON.stringify(out));
