// kepu search: tokenize and search mirror src/search/{tokenize,lookup}.rs.
(() => {
// Token kinds: w(ord), p(air), t(ail), s(ingle); w and s match by prefix.
// index.rs push_number: 0-31 end a number, 32-63 continue it.
const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
// text.rs is_cjk, for the first character of a string.
const CJK = /^[\u2E80-\u2FDF\u3000-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u{20000}-\u{2FA1F}]/u;

// emit(term, position, kind) per token; returns the next position. fold: the
// manifest's traditional → simplified Map (fold.rs), applied to CJK characters.
function tokenize(text, start, emit, fold) {
  let pos = start, word = "", prev = "", run = 0;
  const endCjk = () => { if (prev) emit(prev, pos++, run === 1 ? "s" : "t"); prev = ""; run = 0; };
  const endWord = () => { if (word) emit(word.toLowerCase(), pos++, "w"); word = ""; };
  for (let ch of text) {
    const cp = ch.codePointAt(0);
    if (cp >= 0xFF01 && cp <= 0xFF5E) ch = String.fromCodePoint(cp - 0xFEE0);
    if (!ALNUM.test(ch)) { endCjk(); endWord(); }
    else if (CJK.test(ch)) { endWord(); ch = fold?.get(ch) || ch; if (prev) emit(prev + ch, pos++, "p"); prev = ch; run++; }
    else { endCjk(); word += ch; }
  }
  endCjk(); endWord();
  return pos;
}

function queryTokens(q, fold) {
  const out = [];
  tokenize(q, 0, (text, position, kind) => { if (kind !== "t") out.push({ text, kind, position }); }, fold);
  const first = out[0]?.position;
  out.forEach(t => { t.position -= first; });
  return out;
}

// tokenize.rs QueryToken::is_prefix: a one-letter word is looked up exactly.
const isPrefix = t => t.kind === "s" || (t.kind === "w" && [...t.text].length > 1);

// The manifest's "fold" string as a Map: pairs of traditional, simplified characters.
function foldMap(m) {
  const cs = [...(m.fold || "")], map = new Map();
  for (let i = 0; i + 1 < cs.length; i += 2) map.set(cs[i], cs[i + 1]);
  return map;
}

// Text with its characters folded; the pairs keep UTF-16 lengths, so offsets agree.
const folded = (text, fold) => fold && fold.size ? text.replace(/[^\x00-\u2E7F]/gu, c => fold.get(c) || c) : text;

function readNumbers(s) {
  let out = [], acc = 0;
  for (const c of s) {
    const d = DIGITS.indexOf(c);
    if (d >= 32) acc = acc * 32 + d - 32;
    else if (d >= 0) { out.push(acc * 32 + d); acc = 0; }
  }
  return out;
}

// Shards a token needs: the one for an exact term, a range for a prefix.
function shardsFor(m, t) {
  const at = s => Math.max(0, m.shards.filter(f => f <= s).length - 1), lo = at(t.text), out = [];
  for (let n = lo, hi = isPrefix(t) ? at(t.text + "\uFFFF") : lo; n <= hi; n++) out.push(n);
  return out;
}

const shardPath = n => "s/" + n + ".txt", positionsPath = n => "q/" + n + ".txt";
// The lines of a shard's text that token t matches, as [term, postings].
function linesFor(t, text) {
  const out = [];
  for (const line of text.split("\n")) {
    const tab = line.indexOf("\t"), term = line.slice(0, tab);
    if (tab >= 0 && (isPrefix(t) ? term.startsWith(t.text) : term === t.text)) out.push([term, line.slice(tab + 1)]);
  }
  return out;
}

// The positions files a query needs besides its shards: a common term's ("*"), to
// check a phrase of several tokens (lookup.rs search).
function positionFiles(m, tokens, file) {
  if (tokens.length < 2) return [];
  return [...new Set(tokens.flatMap(t => shardsFor(m, t).filter(n =>
    linesFor(t, file(shardPath(n)) || "").some(([, p]) => p[0] === "*")).map(positionsPath)))];
}

// Pages, positions: differences to the previous; meta: count << 3 | field. "*": no
// positions in the line; `positions` has, for each page below the window, their
// number (at most 2, index.rs COMMON_POSITIONS), then the positions.
function collect(postings, positions, window, exact, found) {
  const nums = readNumbers(postings), common = postings[0] === "*", wnums = readNumbers(positions || "");
  for (let i = 0, w = 0, page = 0; i + 1 < nums.length;) {
    page += nums[i];
    const meta = nums[i + 1], f = found.get(page) || { field: 5, count: 0, positions: [] };
    f.field = Math.min(f.field, meta & 7); f.count += meta >> 3; f.exact ||= exact;
    i += 2;
    if (!common) for (let k = 0, p = 0; k < meta >> 3 && i < nums.length; k++) f.positions.push(p += nums[i++]);
    else if (page < window && w < wnums.length) for (let k = 0, p = 0, n = Math.min(wnums[w++], 2); k < n && w < wnums.length; k++) f.positions.push(p += wnums[w++]);
    found.set(page, f);
  }
}

// Positions only: a token without them on the page makes it no phrase.
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

// lookup.rs FIELD_WEIGHTS: title, heading, body, description, tag, address.
const WEIGHTS = [5, 3, 1, 0.8, 0.5, 0.3];
const tier = h => h.phrase ? 0 : h.complete ? 1 : 2;

// Hits {page, score, phrase, complete, field}, best first; file(path): the text of
// a fetched search/ file; kind: a kind letter or "".
function search(m, file, tokens, kind) {
  const perToken = tokens.map(t => {
    const found = new Map();
    for (const n of shardsFor(m, t)) for (const [term, postings] of linesFor(t, file(shardPath(n)) || "")) {
      const line = postings[0] === "*" && tokens.length > 1 &&
        (file(positionsPath(n)) || "").split("\n").find(l => l.startsWith(term + "\t"));
      collect(postings, line && line.slice(term.length + 1), m.window || 0, term === t.text, found);
    }
    return found;
  });
  const total = Math.max(m.pages, 1), matched = new Map(), hits = [];
  perToken.forEach(f => f.forEach((_, p) => matched.set(p, (matched.get(p) || 0) + 1)));
  const best = Math.max(0, ...matched.values());
  const needed = best === tokens.length ? best : Math.max(best, Math.ceil(tokens.length / 2));
  matched.forEach((n, page) => {
    if (n < needed || (kind && m.kinds[page].toLowerCase() !== kind)) return;
    let score = 0, field = 5;
    for (const found of perToken) {
      const f = found.get(page);
      if (!f) continue;
      score += ((1 + Math.log(1 + f.count)) * WEIGHTS[Math.min(f.field, 5)] + (f.exact ? 0.5 : 0)) * Math.log(1 + total / found.size);
      field = Math.min(field, f.field);
    }
    if (m.kinds[page] === "E") score *= 1.15; // an upcoming event (lookup.rs UPCOMING)
    const complete = n === tokens.length;
    hits.push({ page, score, phrase: complete && isPhrase(tokens, perToken, page), complete, field });
  });
  return hits.sort((a, b) => tier(a) - tier(b) || b.score - a.score || a.page - b.page);
}

// Highlights: CJK runs (or their pairs), words by prefix; matched on folded text,
// so the page's own characters are marked.
let FOLD = new Map();
const needles = q => (folded(q, FOLD).match(/[\p{Alphabetic}\p{N}]+/gu) || []).flatMap(w => w.match(/(\P{Ideo}|\p{N})+|\p{Ideo}+/gu))
  .map(r => CJK.test(r) ? { text: r, cjk: true } : { text: r.toLowerCase() });

function ranges(text, ns) {
  const low = text.toLowerCase(), t = folded(low.length === text.length ? low : text, FOLD), out = [];
  for (const { text: q, cjk } of ns) {
    const cs = [...q], parts = cjk && !t.includes(q) ? cs.slice(1).map((c, i) => cs[i] + c) : [q];
    for (const p of parts) for (let at = t.indexOf(p); at >= 0 && p; at = t.indexOf(p, at + 1)) if (cjk || !ALNUM.test(t[at - 1] || " ")) {
      let end = at + p.length;
      while (!cjk && ALNUM.test(t[end] || " ") && !CJK.test(t[end])) end++;
      out.push([at, end]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

const el = (tag, cls) => Object.assign(document.createElement(tag), cls && { className: cls });

// text[from, to) with the matches of ns in <mark>, for append(...).
function marked(text, ns, from = 0, to = text.length) {
  const out = [];
  for (const [a, b] of ranges(text, ns)) if (a >= from && b <= to) {
    out.push(text.slice(from, a), Object.assign(el("mark"), { textContent: text.slice(a, b) }));
    from = b;
  }
  out.push(text.slice(from, to));
  return out;
}

// Around the first match in the excerpt or description.
function snippet(f, ns) {
  const text = [f.x, f.s || ""].find(t => ranges(t, ns).length) ?? (f.s || f.x);
  const from = Math.max(0, (ranges(text, ns)[0]?.[0] ?? 24) - 24), to = Math.min(text.length, from + 110);
  return [from ? "…" : "", ...marked(text, ns, from, to), to < text.length ? "…" : ""];
}

function init() {
  const $ = id => document.getElementById("search-" + id), form = $("form");
  if (!form) return;
  const d = form.dataset, input = form.elements.q, kinds = form.elements.kind, status = $("status"), list = $("results"), more = $("more");
  const base = d.index.replace(/index\.json$/, ""), cache = new Map();
  let build, manifest, seq = 0, hits = [], shown = 0, ns = [], timer;
  // search/ files, fetched once; ?v= keeps builds apart.
  const load = (path, json) => cache.get(path) || cache.set(path, fetch(base + path + (build ? "?v=" + build : ""))
    .then(r => { if (!r.ok) throw Error(path); return json ? r.json() : r.text(); })).get(path);
  const say = (text, n) => { status.textContent = text.replace("{n}", n); };

  function run() {
    const q = input.value.trim(), k = kinds ? kinds.value : "", my = ++seq;
    const params = String(new URLSearchParams(Object.entries({ q, kind: k }).filter(e => e[1])));
    history.replaceState(null, "", params ? "?" + params : location.pathname);
    if (!q) { list.textContent = status.textContent = ""; more.hidden = true; return; }
    say(d.loading);
    load("index.json", 1).then(m => {
      build = m.build;
      FOLD = foldMap(m); manifest = m;
      const tokens = queryTokens(q, FOLD), texts = new Map();
      const fetchAll = paths => Promise.all(paths.map(p => load(p).then(t => texts.set(p, t))));
      const file = p => texts.get(p);
      return fetchAll([...new Set(tokens.flatMap(t => shardsFor(m, t)).map(shardPath))])
        .then(() => fetchAll(positionFiles(m, tokens, file))).then(() => {
        if (my !== seq) return;
        hits = search(m, file, tokens, k[0]); // a kind's letter is its first
        ns = needles(q);
        list.textContent = ""; shown = 0;
        return showMore(my).then(() => {
          if (my === seq) say(hits.length ? (hits[0].complete ? d.count : d.partial) : d.none, hits.length);
        });
      });
    }).catch(e => { cache.clear(); say(d.failed); console.warn(e); });
  }

  function showMore(my) {
    const page = hits.slice(shown, shown += 8);
    more.hidden = shown >= hits.length;
    return Promise.all(page.map(fragment)).then(fs => { if (my === seq) list.append(...fs.map((f, i) => item(f, page[i]))); });
  }

  // A hit's fragment: item page % n of file p/<page / n>.json (n pages a file).
  function fragment(h) {
    const n = manifest.fragment_pages;
    return load("p/" + Math.floor(h.page / n) + ".json", 1).then(a => a[h.page % n]);
  }

  // Links to the matching heading when the title does not match; says so when only
  // the tags (field 4) or the address (5) matched, which the result does not show.
  function item(f, hit) {
    const li = el("li"), a = li.appendChild(el("h2")).appendChild(el("a")), p = cls => li.appendChild(el("p", cls));
    const section = !ranges(f.t, ns).length && f.h.find(x => ranges(x[1], ns).length);
    a.href = f.u + (section ? "#" + encodeURIComponent(section[0]) : "");
    a.append(...marked(f.t, ns));
    if (section) p("section").append("› ", ...marked(section[1], ns));
    p("meta").textContent = d["kind" + f.k[0].toUpperCase() + f.k.slice(1)] + (f.d ? " · " + f.d : "");
    p("snippet").append(...snippet(f, ns));
    const why = hit.field > 3 && d[hit.field > 4 ? "inUrl" : "inTags"];
    if (why) p("found-in").textContent = why.replace("{q}", input.value.trim());
    return li;
  }

  const on = (t, type, f) => t.addEventListener(type, f);
  on(input, "input", () => { clearTimeout(timer); timer = setTimeout(run, 200); });
  on(input, "keydown", e => { const a = list.querySelector("a"); if (e.key === "ArrowDown" && a) { e.preventDefault(); a.focus(); } });
  on(form, "change", e => { if (e.target.name === "kind") run(); });
  on(form, "submit", e => { e.preventDefault(); clearTimeout(timer); run(); });
  on(more, "click", () => {
    const first = shown;
    showMore(seq).then(() => list.children[first]?.querySelector("a")?.focus());
  });
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (kinds) kinds.value = params.get("kind") || "";
  if (input.value) run();
}

// Loaded with defer, or by node in the tests.
if (typeof module === "object") module.exports = { tokenize, queryTokens, readNumbers, search, shardsFor, positionFiles, foldMap };
else init();
})();
