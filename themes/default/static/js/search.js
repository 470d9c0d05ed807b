/* kepu search, no dependencies. tokenize/search mirror src/search/{tokenize,lookup}.rs.
   Loads search/index.json, then only the shards and fragments a query needs. */
(() => {
"use strict";
const WORD = "w", PAIR = "p", TAIL = "t", SINGLE = "s";
// Digits of src/search/index.rs push_number: 0-31 end a number, 32-63 continue it.
const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
const KIND = { news: "n", event: "e", training: "t", resource: "r", page: "p" };
// src/text.rs is_cjk: [first, last] pairs.
const CJK = [0x2E80, 0x2FDF, 0x3000, 0x303F, 0x3040, 0x30FF, 0x3100, 0x312F, 0x3190, 0x31FF, 0x3400, 0x4DBF,
  0x4E00, 0x9FFF, 0xAC00, 0xD7AF, 0xF900, 0xFAFF, 0xFE30, 0xFE4F, 0xFF00, 0xFFEF, 0x20000, 0x2FA1F];
const isCjk = c => CJK.some((a, i) => i % 2 === 0 && c >= a && c <= CJK[i + 1]);

// Calls emit(term, position, kind) for each token; returns the next position.
function tokenize(text, start, emit) {
  let pos = start, word = "", prev = "", run = 0;
  const endCjk = () => { if (prev) emit(prev, pos++, run === 1 ? SINGLE : TAIL); prev = ""; run = 0; };
  const endWord = () => { if (word) emit(word.toLowerCase(), pos++, WORD); word = ""; };
  for (let ch of text) {
    let cp = ch.codePointAt(0);
    if (cp >= 0xFF01 && cp <= 0xFF5E) { cp -= 0xFEE0; ch = String.fromCodePoint(cp); }
    if (!ALNUM.test(ch)) { endCjk(); endWord(); }
    else if (isCjk(cp)) { endWord(); if (prev) emit(prev + ch, pos++, PAIR); prev = ch; run++; }
    else { endCjk(); word += ch; }
  }
  endCjk(); endWord();
  return pos;
}

function queryTokens(q) {
  const out = [];
  tokenize(q, 0, (text, position, kind) => { if (kind !== TAIL) out.push({ text, kind, position }); });
  const first = out.length ? out[0].position : 0;
  out.forEach(t => { t.position -= first; });
  return out;
}

const isPrefix = t => t.kind === WORD || t.kind === SINGLE;

function readNumbers(s) {
  const out = [];
  let acc = 0;
  for (const c of s) {
    const d = DIGITS.indexOf(c);
    if (d >= 32) acc = acc * 32 + d - 32;
    else if (d >= 0) { out.push(acc * 32 + d); acc = 0; }
  }
  return out;
}

// Shards a token needs: the one that would hold an exact term, a range for a prefix.
function shardsFor(m, t) {
  const atOrBefore = s => {
    let lo = 0, hi = m.shards.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (m.shards[mid] <= s) lo = mid + 1; else hi = mid; }
    return Math.max(lo - 1, 0);
  };
  const lo = atOrBefore(t.text), hi = isPrefix(t) ? atOrBefore(t.text + "\uFFFF") : lo, out = [];
  for (let n = lo; n <= Math.max(lo, hi); n++) out.push(n);
  return out;
}

// Pages and positions are differences to the previous one (the first to 0).
function collect(postings, exact, found) {
  const nums = readNumbers(postings);
  for (let i = 0, page = 0; i + 1 < nums.length;) {
    page += nums[i];
    const meta = nums[i + 1], f = found.get(page) || { flags: 0, count: 0, positions: [], exact };
    f.flags |= meta & 3; f.count += meta >> 2; f.exact ||= exact;
    i += 2;
    for (let k = 0, p = 0; k < meta >> 2; k++) f.positions.push(p += nums[i++]);
    found.set(page, f);
  }
}

function isPhrase(tokens, perToken, page) {
  if (tokens.length < 2) return true;
  const lists = perToken.map(f => f.get(page).positions);
  let r = 0;
  lists.forEach((l, k) => { if (l.length < lists[r].length) r = k; });
  return lists[r].some(p => {
    const base = p - tokens[r].position;
    return base >= 0 && tokens.every((t, k) => lists[k].includes(base + t.position));
  });
}

// Pages for a query, best first: {page, score, phrase, complete}. shard(n) gives
// the text of a loaded shard; kind is a kind letter or "".
function search(m, shard, tokens, kind) {
  if (!tokens.length) return [];
  const perToken = tokens.map(t => {
    const found = new Map();
    for (const n of shardsFor(m, t)) for (const line of (shard(n) || "").split("\n")) {
      const tab = line.indexOf("\t"), term = line.slice(0, tab);
      if (tab >= 0 && (isPrefix(t) ? term.startsWith(t.text) : term === t.text)) collect(line.slice(tab + 1), term === t.text, found);
    }
    return found;
  });
  const total = Math.max(m.pages, 1), matched = new Map(), hits = [];
  perToken.forEach(f => f.forEach((_, p) => matched.set(p, (matched.get(p) || 0) + 1)));
  const best = Math.max(0, ...matched.values());
  const needed = best === tokens.length ? best : Math.max(best, Math.ceil(tokens.length / 2));
  matched.forEach((n, page) => {
    if (n < needed || needed === 0 || (kind && m.kinds[page] !== kind)) return;
    let score = 0;
    for (const found of perToken) {
      const f = found.get(page);
      if (!f) continue;
      let w = 1 + Math.log(1 + f.count);
      if (f.flags & 1) w += 6;
      if (f.flags & 2) w += 3;
      if (f.exact) w += 0.5;
      score += w * Math.log(1 + total / found.size);
    }
    const complete = n === tokens.length, phrase = complete && isPhrase(tokens, perToken, page);
    if (phrase && tokens.length > 1) score *= 2;
    if (m.upcoming.includes(page)) score *= 1.15;
    hits.push({ page, score, phrase, complete });
  });
  return hits.sort((a, b) => b.score - a.score || a.page - b.page);
}

// ---- highlighting: the query's CJK runs (or their pairs, if a run is not in the text) and words by prefix.
function needles(q) {
  const out = [];
  for (const m of q.matchAll(/[\p{Alphabetic}\p{N}]+/gu)) for (const r of m[0].match(/(\P{Ideo}|\p{Number})+|\p{Ideo}+/gu)) {
    const cjk = isCjk(r.codePointAt(0));
    out.push({ text: cjk ? r : r.toLowerCase(), cjk });
  }
  return out;
}

function ranges(text, ns) {
  const low = text.toLowerCase(), t = low.length === text.length ? low : text, out = [];
  for (const n of ns) {
    let parts = [n.text];
    if (n.cjk && !t.includes(n.text)) parts = [...n.text].slice(1).map((c, i) => [...n.text][i] + c);
    for (const p of parts) for (let at = t.indexOf(p); at >= 0 && p; at = t.indexOf(p, at + 1)) {
      if (n.cjk || at === 0 || !ALNUM.test(t[at - 1])) {
        let end = at + p.length;
        while (!n.cjk && ALNUM.test(t[end] || " ") && !isCjk(t.charCodeAt(end))) end++;
        out.push([at, end]);
      }
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

const el = (tag, cls) => { const e = document.createElement(tag); if (cls) e.className = cls; return e; };

// text[from, to) with the ranges rs in <mark>.
function marked(text, rs = [], from = 0, to = text.length) {
  const frag = document.createDocumentFragment();
  let at = from;
  for (const [a, b] of rs) if (a >= at && b <= to) {
    const mk = el("mark");
    mk.textContent = text.slice(a, b);
    frag.append(text.slice(at, a), mk);
    at = b;
  }
  frag.append(text.slice(at, to));
  return frag;
}

function snippet(f, ns) {
  for (const text of [f.x || "", f.s || ""]) {
    const rs = ranges(text, ns);
    if (!rs.length) continue;
    const from = Math.max(0, rs[0][0] - 24), to = Math.min(text.length, from + 110);
    return [from ? "…" : "", marked(text, rs, from, to), to < text.length ? "…" : ""];
  }
  const plain = f.s || f.x || "";
  return [plain.slice(0, 110), plain.length > 110 ? "…" : ""];
}

// ---- the page ----
function init() {
  const form = document.getElementById("search-form");
  if (!form) return;
  const d = form.dataset, input = form.elements.q, kinds = form.elements.kind, $ = id => document.getElementById("search-" + id);
  const status = $("status"), list = $("results"), more = $("more");
  const base = d.index.replace(/index\.json$/, ""), shards = new Map(), fragments = new Map();
  let manifest = null, build = "", seq = 0, hits = [], shown = 0, ns = [], timer = 0;
  const get = (url, json) => fetch(url).then(r => {
    if (!r.ok) throw new Error(url + ": " + r.status);
    return json ? r.json() : r.text();
  });
  const say = (text, n) => { status.textContent = text.replace("{n}", n); };

  function run() {
    const q = input.value.trim(), k = kinds ? kinds.value : "", my = ++seq, params = new URLSearchParams();
    if (q) params.set("q", q);
    if (k) params.set("kind", k);
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    if (!q) { list.textContent = status.textContent = ""; more.hidden = true; return; }
    const tokens = queryTokens(q);
    say(d.loading);
    (manifest = manifest || get(d.index, true)).then(m => {
      build = m.build;
      const need = new Set(tokens.flatMap(t => shardsFor(m, t)).filter(n => !shards.has(n)));
      return Promise.all([...need].map(n => get(base + "s/" + n + ".txt?v=" + build).then(t => shards.set(n, t)))).then(() => m);
    }).then(m => {
      if (my !== seq) return;
      hits = search(m, n => shards.get(n), tokens, KIND[k] || "");
      ns = needles(q);
      list.textContent = ""; shown = 0;
      return showMore(my).then(() => {
        if (my === seq) say(hits.length ? (hits[0].complete ? d.count : d.partial) : d.none, hits.length);
      });
    }).catch(e => { manifest = null; say(d.failed); console.warn(e); });
  }

  function showMore(my) {
    const page = hits.slice(shown, shown += 8);
    more.hidden = shown >= hits.length;
    return Promise.all(page.map(h => {
      if (!fragments.has(h.page)) fragments.set(h.page, get(base + "p/" + h.page + ".json?v=" + build, true));
      return fragments.get(h.page);
    })).then(fs => { if (my === seq) list.append(...fs.map(item)); });
  }

  // A result links to the matching heading's anchor when the title does not match.
  function item(f) {
    const li = el("li"), h = el("h2"), a = el("a"), p = cls => li.appendChild(el("p", cls));
    const section = ranges(f.t, ns).length ? null : (f.h || []).find(x => ranges(x[1], ns).length);
    a.href = section ? f.u + "#" + encodeURIComponent(section[0]) : f.u;
    a.append(marked(f.t, ranges(f.t, ns)));
    h.append(a); li.append(h);
    if (section) p("section").append("› ", marked(section[1], ranges(section[1], ns)));
    p("meta").textContent = (d["kind" + f.k[0].toUpperCase() + f.k.slice(1)] || f.k) + (f.d ? " · " + f.d : "");
    p("snippet").append(...snippet(f, ns));
    return li;
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 200); });
  input.addEventListener("keydown", e => {
    const a = list.querySelector("a");
    if (e.key === "ArrowDown" && a) { e.preventDefault(); a.focus(); }
  });
  form.addEventListener("change", e => { if (e.target.name === "kind") run(); });
  form.addEventListener("submit", e => { e.preventDefault(); clearTimeout(timer); run(); });
  more.addEventListener("click", () => {
    const first = shown;
    showMore(seq).then(() => { const a = list.children[first]?.querySelector("a"); if (a) a.focus(); });
  });
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (kinds && params.get("kind")) kinds.value = params.get("kind");
  if (input.value) run();
}

if (typeof module === "object" && module.exports) module.exports = { tokenize, queryTokens, readNumbers, search, shardsFor };
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
})();
