// The real-browser part of the filter test (tests/testsuite/calendar_filters.rs):
// loads the fixture's calendar, trainings list and embed page from a local server in
// the system Chromium through playwright-core, with and without JavaScript, and
// prints one JSON object of findings, which the Rust test judges:
//   axe       axe-core (WCAG 2.1 A/AA) on the filtered month, the list and the embed page
//             (with JavaScript: axe is a script)
//   overflow  horizontal overflow at 390 CSS px
//   js        the month at ?kind=training&tag=防灾减灾: form state, visible titles,
//             the live count; then a place chosen, then the form cleared
//   list      the trainings list at ?venue=图书馆
//   nojs      the month without JavaScript, and the trainings' month its kind link leads to
//   embed     /calendar/embed/?venue=图书馆: visible titles and dots, links not
//             opening in the parent page, where a click in the frame lands
//   external  requests to any other host (all are blocked, and listed)
// Screenshots at 390 px go to the output folder.
// Usage: node filter-check.mjs CONFIG_JSON   ({chromium, out, base})
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const cfg = JSON.parse(process.argv[2]);
const out = { axe: [], overflow: [], errors: [], external: [], screenshots: [] };

const browser = await chromium.launch({
  executablePath: cfg.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});

async function context(javaScriptEnabled) {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled,
  });
  await ctx.route('**/*', (r) => {
    const url = r.request().url();
    if (url.startsWith(cfg.base) || url.startsWith('data:') || url === 'about:blank') return r.continue();
    out.external.push(url);
    return r.abort();
  });
  return ctx;
}

async function open(ctx, rel) {
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') out.errors.push(`${rel}: ${m.text()}`); });
  page.on('pageerror', (e) => out.errors.push(`${rel}: ${e.message}`));
  await page.goto(cfg.base + rel, { waitUntil: 'load' });
  return page;
}

async function check(page, rel, shot) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.length, example: v.nodes[0] && v.nodes[0].target.join(' ') + ' ' + (v.nodes[0].failureSummary || '').slice(0, 200) }));
  });
  out.axe.push({ page: rel, violations });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  out.overflow.push({ page: rel, overflow });
  if (shot) {
    const file = path.join(cfg.out, shot);
    await page.screenshot({ path: file, fullPage: true });
    out.screenshots.push(file);
  }
}

// Titles of the links the filter leaves visible (the last text of each, after a time).
const visible = (page, sel) => page.evaluate((sel) => [...document.querySelectorAll(sel)]
  .filter((el) => el.offsetParent !== null).map((el) => el.lastChild.textContent.trim()), sel);
// The month's occurrences as a phone shows them: the grid's days as an agenda.
const MONTH_LIST = '.day .cal-event > a';
const state = (page) => page.evaluate(() => ({
  search: location.search,
  status: document.querySelector('[data-filter-count]').textContent,
  next: document.querySelector('a[rel=next]').href,
}));

// With JavaScript.
const js = await context(true);
const monthRel = 'calendar/2018/06/?kind=training&tag=' + encodeURIComponent('防灾减灾');
let page = await open(js, monthRel);
out.js = {
  form: await page.evaluate(() => {
    const f = document.querySelector('form[data-filter]');
    return { hidden: f.hidden, kind: f.elements.kind.value, tag: f.elements.tag.value };
  }),
  visible: await visible(page, MONTH_LIST),
  status: await page.evaluate(() => document.querySelector('[data-filter-count]').textContent),
  venues: await page.evaluate(() => [...document.querySelector('#filter-venue').options].map((o) => o.value)),
};
await check(page, monthRel, 'calendar-filter-390.png');
await page.selectOption('#filter-kind', '');
await page.selectOption('#filter-venue', '科技馆');
out.js.after = { visible: await visible(page, MONTH_LIST), ...(await state(page)) };
await page.click('button[type=reset]');
await page.waitForFunction(() => location.search === '');
out.js.reset = { visible: await visible(page, MONTH_LIST), ...(await state(page)) };
await page.close();

const listRel = 'trainings/?venue=' + encodeURIComponent('图书馆');
page = await open(js, listRel);
out.list = await visible(page, '[data-list] .card h3 a');
await check(page, listRel, null);
await page.close();

const embedRel = 'calendar/embed/?venue=' + encodeURIComponent('图书馆');
page = await open(js, embedRel);
out.embed = {
  visible: await visible(page, '[data-counted] li > a'),
  dots: await page.evaluate(() => [...document.querySelectorAll('.dot')].filter((d) => d.offsetParent !== null).length),
  notTop: await page.evaluate(() => [...document.querySelectorAll('a')].filter((a) => a.target !== '_top').map((a) => a.outerHTML)),
};
await check(page, embedRel, 'embed-390.png');
await page.close();

// The embed page in a frame of another page: a click on an event opens it in that page.
page = await js.newPage();
await page.setContent(`<!DOCTYPE html><title>partner</title><iframe title="calendar" src="${cfg.base}${embedRel}" width="360" height="600"></iframe>`);
const frame = await (await page.waitForSelector('iframe')).contentFrame();
await frame.waitForSelector('[data-counted] a:text-is("科普日")');
await Promise.all([page.waitForURL((u) => u.href.startsWith(cfg.base) && !u.href.includes('embed')), frame.click('[data-counted] a:text-is("科普日")')]);
out.embed.landed = page.url();
await page.close();
await js.close();

// Without JavaScript.
const nojs = await context(false);
page = await open(nojs, monthRel);
out.nojs = {
  formVisible: await page.evaluate(() => document.querySelector('form[data-filter]').offsetParent !== null),
  visible: await visible(page, MONTH_LIST),
};
await page.click('.kind-nav a:text-is("培训")');
await page.waitForURL('**/calendar/training/2018/06/**');
out.nojs.training = await visible(page, MONTH_LIST);
await page.close();
await nojs.close();

await browser.close();
console.log(JSON.stringify(out));
