// The site inside WeChat's own browser (tests/testsuite/in_wechat.rs): each page opened
// at 390 CSS px in the system Chromium with the user agent of WeChat on Android
// (MicroMessenger, an X5/XWeb core), then once with a plain phone browser's. Reports
// console errors, the share image WeChat takes (the first image of the page: its
// source, natural size, whether it loaded, its box), what is left of the calendar
// links, axe's violations (WCAG 2.1 A/AA), and how far the layout moved (CLS).
// Usage: node in-wechat.mjs CONFIG_JSON   ({chromium, base, pages: [path…], shots})
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const cfg = JSON.parse(process.argv[2]);
const out = { pages: [], errors: [] };

const WECHAT = 'Mozilla/5.0 (Linux; Android 12; V2055A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230202 MMWEBID/1866 MicroMessenger/8.0.33.2320(0x2800213B) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
const PHONE = 'Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.5304.141 Mobile Safari/537.36';

const browser = await chromium.launch({
  executablePath: cfg.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});

for (const [agent, ua] of [['wechat', WECHAT], ['phone', PHONE]]) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: ua, locale: 'zh-CN', deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  await ctx.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const rel of cfg.pages) {
    const page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error') out.errors.push(`${agent} ${rel}: ${m.text()}`); });
    page.on('pageerror', (e) => out.errors.push(`${agent} ${rel}: ${e.message}`));
    await page.goto(cfg.base + rel, { waitUntil: 'load' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const found = await page.evaluate(() => {
      // Links a visitor can see and tap.
      const shown = (sel) => [...document.querySelectorAll(sel)].filter((a) => a.getClientRects().length > 0).length;
      const img = document.body.querySelector('img');
      const box = img && img.parentElement.getBoundingClientRect();
      return {
        share: img && {
          src: img.getAttribute('src'),
          alt: img.getAttribute('alt'),
          loading: img.getAttribute('loading'),
          complete: img.complete,
          natural: [img.naturalWidth, img.naturalHeight],
          box: [box.width, box.height],
          display: getComputedStyle(img).display,
        },
        icsLinks: shown('a[href$=".ics"]:not([href^="webcal:"])'),
        webcalLinks: shown('a[href^="webcal:"]'),
        notes: [...document.querySelectorAll('[data-in-wechat]')].map((n) => n.textContent),
        cls: window.__cls,
      };
    });
    await page.addScriptTag({ content: axeSource });
    found.axe = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => `${v.id}: ${v.nodes[0] && v.nodes[0].target.join(' ')}`);
    });
    if (cfg.shots && agent === 'wechat') {
      const file = path.join(cfg.shots, `in-wechat-${rel.replace(/\W+/g, '-') || 'home'}.png`);
      await page.screenshot({ path: file, fullPage: true });
    }
    out.pages.push({ agent, page: rel, ...found });
    await page.close();
  }
  await ctx.close();
}
await browser.close();
console.log(JSON.stringify(out));
