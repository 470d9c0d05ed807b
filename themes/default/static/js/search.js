/* kepu site search: our own, no dependencies. tokenize and search mirror
   src/search/tokenize.rs and src/search/lookup.rs; change them together.
   Loads search/index.json, then only the shards and page fragments a query needs. */
(() => {
"use strict";
const WORD = "w", PAIR = "p", TAIL = "t", SINGLE = "s";
const LAST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", MORE = "ghijklmnopqrstuvwxyz0123456789-_";
const DIGIT = {};
for (let i = 0; i < 32; i++) { DIGIT[LAST.charCodeAt(i)] = i; DIGIT[MORE.charCodeAt(i)] = 32 + i; }
const ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
const KIND = { news: "n", event: "e", training: "t", resource: "r", page: "p" };
// src/text.rs is_cjk: [first, last] pairs.
const CJK = [0x2E80, 0x2FDF, 0x3000, 0x303F, 0x3040, 0x30FF, 0x3100, 0x312F, 0x3190, 0x31FF, 0x3400, 0x4DBF,
  0x4E00, 0x9FFF, 0xAC00, 0xD7AF, 0xF900, 0xFAFF, 0xFE30, 0xFE4F, 0xFF00, 0xFFEF, 0x20000, 0x2FA1F];
const isCjk = c => { for (let i = 0; i < CJK.length; i += 2) if (c >= CJK[i] && c <= CJK[i + 1]) return true; return false; };

// Calls emit(term, position, kind) for each token; returns the next position.
function tokenize(text, start, emit) {
  let pos = start, word = "", prev = "", run = 0;
  const endCjk = () => { if (prev) { emit(prev, pos++, run === 1 ? SINGLE : TAIL); prev = ""; } run = 0; };
  const endWord = () => { if (word) { emit(word.toLowerCase(), pos++, WORD); word = ""; } };
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
  for (let i = 0; i < s.length; i++) {
    const d = DIGIT[s.charCodeAt(i)];
    if (d === undefined) continue;
    if (d < 32) { out.push(acc * 32 + d); acc = 0; } else acc = acc * 32 + d - 32;
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

function collect(postings, exact, found) {
  const nums = readNumbers(postings);
  let i = 0, page = 0, first = true;
  while (i + 1 < nums.length) {
    page = first ? nums[i] : page + nums[i]; first = false;
    const meta = nums[i + 1], count = meta >> 2;
    const f = found.get(page) || { flags: 0, count: 0, positions: [], exact: false };
    f.flags |= meta & 3; f.count += count; f.exact = f.exact || exact;
    for (let k = 0, p = 0; k < count && i + 2 + k < nums.length; k++) {
      p = k === 0 ? nums[i + 2] : p + nums[i + 2 + k];
      f.positions.push(p);
    }
    found.set(page, f);
    i += 2 + count;
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

// ---- highlighting: CJK runs of the query (or their pairs if the run is not in the text), words by prefix ----
function needles(q) {
  const out = [];
  for (const r of q.split(/[^\p{Alphabetic}\p{N}]+/u)) {
    let buf = "", cjk = null;
    for (const ch of r + " ") {
      const c = ch === " " ? null : isCjk(ch.codePointAt(0));
      if (c !== cjk && buf) { out.push({ text: cjk ? buf : buf.toLowerCase(), cjk }); buf = ""; }
      cjk = c; if (ch !== " ") buf += ch;
    }
  }
  return out;
}

function ranges(text, ns) {
  let lower = text.toLowerCase();
  if (lower.length !== text.length) lower = text;
  const out = [];
  for (const n of ns) {
    let parts = [n.text];
    if (n.cjk && !lower.includes(n.text) && n.text.length > 2) {
      parts = [];
      for (let i = 0; i + 1 < n.text.length; i++) parts.push(n.text.slice(i, i + 2));
    }
    for (const p of parts) for (let at = lower.indexOf(p); at >= 0; at = lower.indexOf(p, at + 1)) {
      if (!n.cjk && at > 0 && ALNUM.test(lower[at - 1])) continue;
      let end = at + p.length;
      if (!n.cjk) while (end < text.length && ALNUM.test(text[end]) && !isCjk(text.charCodeAt(end))) end++;
      out.push([at, end]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function marked(text, rs, from, to) {
  const frag = document.createDocumentFragment();
  let at = from;
  for (const r of rs) {
    if (r[0] < at || r[1] > to) continue;
    const mk = document.createElement("mark");
    mk.textContent = text.slice(r[0], r[1]);
    frag.append(text.slice(at, r[0]), mk);
    at = r[1];
  }
  frag.append(text.slice(at, to));
  return frag;
}

function snippet(f, ns) {
  for (const text of [f.x || "", f.s || ""]) {
    const rs = ranges(text, ns);
    if (!rs.length) continue;
    const from = Math.max(0, rs[0][0] - 24), to = Math.min(text.length, from + 110);
    const p = document.createDocumentFragment();
    p.append(from > 0 ? "…" : "", marked(text, rs, from, to), to < text.length ? "…" : "");
    return p;
  }
  const plain = f.s || f.x || "";
  return plain.length > 110 ? plain.slice(0, 110) + "…" : plain;
}

// ---- the page ----
function init() {
  const form = document.getElementById("search-form");
  if (!form) return;
  const d = form.dataset, input = form.elements.q, kinds = form.elements.kind;
  const status = document.getElementById("search-status"), list = document.getElementById("search-results");
  const more = document.getElementById("search-more"), base = d.index.replace(/index\.json$/, "");
  const shards = new Map(), fragments = new Map();
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
    if (!q) { list.textContent = ""; more.hidden = true; status.textContent = ""; return; }
    const tokens = queryTokens(q);
    status.textContent = d.loading;
    (manifest = manifest || get(d.index, true)).then(m => {
      build = m.build;
      const need = new Set();
      tokens.forEach(t => shardsFor(m, t).forEach(n => { if (!shards.has(n)) need.add(n); }));
      return Promise.all([...need].map(n => get(base + "s/" + n + ".txt?v=" + build).then(t => shards.set(n, t)))).then(() => m);
    }).then(m => {
      if (my !== seq) return;
      hits = search(m, n => shards.get(n), tokens, KIND[k] || "");
      ns = needles(q);
      list.textContent = ""; shown = 0;
      return showMore(my).then(() => {
        if (my === seq) say(hits.length ? (hits[0].complete ? d.count : d.partial) : d.none, hits.length);
      });
    }).catch(e => { manifest = null; say(d.failed, 0); console.warn(e); });
  }

  function showMore(my) {
    const page = hits.slice(shown, shown + 8);
    shown += page.length;
    more.hidden = shown >= hits.length;
    return Promise.all(page.map(h => {
      if (!fragments.has(h.page)) fragments.set(h.page, get(base + "p/" + h.page + ".json?v=" + build, true));
      return fragments.get(h.page);
    })).then(fs => { if (my === seq) fs.forEach(f => list.append(item(f))); });
  }

  // A result: the heading's anchor when a heading matched and the title did not.
  function item(f) {
    const li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a");
    const section = ranges(f.t, ns).length ? null : (f.h || []).find(x => ranges(x[1], ns).length);
    a.href = section ? f.u + "#" + encodeURIComponent(section[0]) : f.u;
    a.append(marked(f.t, ranges(f.t, ns), 0, f.t.length));
    h.append(a); li.append(h);
    const p = cls => { const e = document.createElement("p"); e.className = cls; li.append(e); return e; };
    if (section) p("section").append("› ", marked(section[1], ranges(section[1], ns), 0, section[1].length));
    p("meta").textContent = (d["kind" + f.k[0].toUpperCase() + f.k.slice(1)] || f.k) + (f.d ? " · " + f.d : "");
    p("snippet").append(snippet(f, ns));
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
    showMore(seq).then(() => { const a = list.children[first] && list.children[first].querySelector("a"); if (a) a.focus(); });
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
