// The real-browser part of the theme test (tests/testsuite/theme.rs): loads pages of a
// built site from a local server in the system Chromium through playwright-core and
// prints one JSON object of findings, which the Rust test judges:
//   axe       axe-core (WCAG 2.1 A/AA) in light, dark, high-contrast and dark high-contrast
//   overflow  horizontal overflow at 320 CSS px (1280 px at 400 % zoom), with 200 % text,
//             and with the 特大 (150 %) setting
//   brand     characters per line of the site's name at 200 % zoom of a phone (195 px)
//   size      the 大字 button: root font size before, after a press, on the next page
//   bars      per week row of the month page, how many bars link to the long event
//   small     header, breadcrumb and footer targets under 44 px tall
//   card      where a tap on the first card's text (not its title) leads
//   headings  headings that split one of the given words across two lines
// Screenshots of the month page at 390 px in every mode go to the output folder.
// Usage: node theme-check.mjs CONFIG_JSON   (see tests/testsuite/theme.rs for the fields)
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const cfg = JSON.parse(process.argv[2]);
const out = { axe: [], overflow: [], brand: null, size: null, bars: {}, small: [], card: null, headings: [], errors: [], screenshots: [] };

const MODES = {
  light: { colorScheme: 'light' },
  dark: { colorScheme: 'dark' },
  contrast: { colorScheme: 'light', contrast: true },
  'dark-contrast': { colorScheme: 'dark', contrast: true },
};

const browser = await chromium.launch({
  executablePath: cfg.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});

async function context(mode, width, height, extra = {}) {
  const m = MODES[mode];
  const ctx = await browser.newContext({
    viewport: { width, height }, colorScheme: m.colorScheme, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...extra,
  });
  await ctx.addInitScript((prefs) => {
    for (const [k, v] of Object.entries(prefs)) localStorage.setItem(k, v);
  }, { ...(m.contrast ? { 'kepu-contrast': 'more' } : {}), ...(extra.prefs || {}) });
  await ctx.route('**/*', (r) => (r.request().url().startsWith(cfg.base) ? r.continue() : r.abort()));
  return ctx;
}

async function open(ctx, rel) {
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') out.errors.push(`${rel}: ${m.text()}`); });
  page.on('pageerror', (e) => out.errors.push(`${rel}: ${e.message}`));
  await page.goto(cfg.base + rel, { waitUntil: 'load' });
  return page;
}

const overflowOf = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// axe in every mode, at phone width.
for (const mode of Object.keys(MODES)) {
  const ctx = await context(mode, 390, 844);
  for (const rel of cfg.pages) {
    const page = await open(ctx, rel);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.length, example: v.nodes[0] && v.nodes[0].target.join(' ') + ' ' + (v.nodes[0].failureSummary || '').slice(0, 200) }));
    });
    out.axe.push({ mode, page: rel, violations });
    if (rel === cfg.month) {
      const file = path.join(cfg.out, `month-390-${mode}.png`);
      await page.screenshot({ path: file, fullPage: true });
      out.screenshots.push(file);
    }
    await page.close();
  }
  await ctx.close();
}

// Reflow at 320 CSS px: 400 % zoom of 1280 px, 200 % text, and the 150 % setting.
for (const [name, css, prefs] of [
  ['1280 px at 400 % zoom', '', {}],
  ['320 px with 200 % text', 'html{font-size:200% !important}', {}],
  ['320 px with 特大 (150 %)', '', { 'kepu-size': '150' }],
]) {
  const ctx = await context('light', 320, 800, { prefs });
  for (const rel of cfg.pages) {
    const page = await open(ctx, rel);
    if (css) await page.addStyleTag({ content: css });
    out.overflow.push({ case: name, page: rel, overflow: await overflowOf(page) });
    await page.close();
  }
  await ctx.close();
}

// The site's name at 200 % zoom of a 390 px phone: a 195 px viewport.
{
  const ctx = await context('light', 195, 422);
  const page = await open(ctx, cfg.pages[0]);
  out.brand = await page.evaluate(() => {
    const a = document.querySelector('.brand');
    const range = document.createRange();
    range.selectNodeContents(a);
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    return { chars: a.textContent.trim().length, lines: tops.size };
  });
  out.overflow.push({ case: '195 px (200 % zoom of a phone)', page: cfg.pages[0], overflow: await overflowOf(page) });
  await ctx.close();
}

// The 大字 button: press it on one page, then open another.
{
  const ctx = await context('light', 390, 844);
  const root = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const page = await open(ctx, cfg.pages[0]);
  const before = await root(page);
  const label = (await page.textContent('.size-button')).trim();
  await page.click('.size-button');
  const after = await root(page);
  const next = await open(ctx, cfg.pages[1]);
  const persisted = await root(next);
  await next.click('.size-button');
  const larger = await root(next);
  await next.click('.size-button');
  const back = await root(next);
  await next.click('.contrast-button');
  const contrast = await next.evaluate(() => [document.documentElement.dataset.contrast || '', getComputedStyle(document.body).backgroundColor]);
  const third = await open(ctx, cfg.pages[2]);
  const contrastKept = await third.evaluate(() => document.documentElement.dataset.contrast || '');
  out.size = { label, before, after, persisted, larger, back, contrast, contrastKept };
  await ctx.close();
}

// A tap on a card's text opens its page; header, breadcrumb and footer targets are
// at least 44 px tall.
{
  const ctx = await context('light', 390, 844);
  const page = await open(ctx, cfg.pages[1]);
  out.small = await page.evaluate(() => [...document.querySelectorAll(
    '.brand, .languages a, .prefs button, .site-search button, .site-search input, .menu a, .breadcrumbs a, .site-footer a')]
    .filter((e) => e.getBoundingClientRect().height < 44)
    .map((e) => `${e.className || e.tagName} "${e.textContent.trim().slice(0, 20)}": ${e.getBoundingClientRect().height.toFixed(1)} px`));
  const home = await open(ctx, cfg.pages[0]);
  const card = home.locator('.card').first();
  const href = await card.locator('h2 a, h3 a').first().getAttribute('href');
  const box = await card.boundingBox();
  await home.mouse.click(box.x + box.width / 2, box.y + box.height - 12);
  await home.waitForURL((u) => u.pathname === href, { timeout: 5000 }).catch(() => {});
  out.card = { href, landed: new URL(home.url()).pathname };
  await ctx.close();
}

// Headings never split a word of the site's long titles, on a phone and a desktop.
for (const [w, h] of [[390, 844], [1280, 800]]) {
  const ctx = await context('light', w, h);
  for (const rel of cfg.headingPages) {
    const page = await open(ctx, rel);
    const found = await page.evaluate((words) => {
      const bad = [];
      for (const h of document.querySelectorAll('h1, h2, h3')) {
        const chars = [];
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          for (let i = 0; i < n.length; i++) {
            const r = document.createRange();
            r.setStart(n, i);
            r.setEnd(n, i + 1);
            const rect = r.getClientRects()[0];
            if (rect) chars.push([n.data[i], Math.round(rect.top)]);
          }
        }
        const text = chars.map((c) => c[0]).join('');
        for (const word of words) {
          for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            if (new Set(chars.slice(at, at + word.length).map((c) => c[1])).size > 1) bad.push(`${h.textContent.trim()} splits ${word}`);
          }
        }
      }
      return { bad, checked: document.querySelectorAll('h1, h2, h3').length, wordBreak: getComputedStyle(document.querySelector('h1')).wordBreak };
    }, cfg.words);
    out.headings.push({ width: w, page: rel, ...found });
    await page.close();
  }
  await ctx.close();
}

// One bar per week row for the long event, on a phone and a desktop.
for (const [w, h] of [[390, 844], [1280, 800]]) {
  const ctx = await context('light', w, h);
  const page = await open(ctx, cfg.month);
  out.bars[w] = await page.evaluate((href) => [...document.querySelectorAll('.week')]
    .filter((row) => row.querySelector('.day:not(.other-month)'))
    .map((row) => [...row.querySelectorAll('.bar a')].filter((a) => a.getAttribute('href') === href && a.offsetParent !== null).length), cfg.barHref);
  const file = path.join(cfg.out, `month-${w}-light.png`);
  await page.screenshot({ path: file, fullPage: true });
  out.screenshots.push(file);
  await ctx.close();
}

await browser.close();
console.log(JSON.stringify(out));
