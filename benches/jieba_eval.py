#!/usr/bin/env python3
"""Recall and index size of dictionary segmentation (jieba) on the pages dumped by
`cargo run --release --example search_eval -- --dump pages.json`, for comparison
with kepu's CJK pairs. Needs `pip install jieba`. Usage: jieba_eval.py pages.json

Index size is counted like kepu's (one posting per page and term: term bytes once,
about 2 bytes per posting and 1 per position), so the two are comparable."""
import json, re, sys
import jieba

jieba.setLogLevel(60)
QUERIES = ["防灾", "防灾减灾", "科普日", "地震", "志愿者", "会员", "培训", "挂图", "e站",
           "互联网+科普", "volunteer", "training", "science", "灾", "科普志愿者", "科普 培训", "科普日活动"]
pages = json.load(open(sys.argv[1]))

def words(text, mode):
    cut = jieba.cut_for_search(text) if mode == "search" else jieba.cut(text)
    return [w.strip().lower() for w in cut if re.search(r"\w", w)]

def contains(text, part):
    if re.fullmatch(r"[0-9a-z]+", part):
        return re.search(r"(?<![0-9a-z])" + part, text) is not None
    return part in text

for mode in ["precise", "search"]:
    index, size = {}, 0
    for i, p in enumerate(pages):
        seen = {}
        for pos, w in enumerate(words(p["text"], mode)):
            seen.setdefault(w, []).append(pos)
        for w, ps in seen.items():
            index.setdefault(w, set()).add(i)
            size += 2 + min(len(ps), 7)
    size += sum(len(w.encode()) + 2 for w in index)
    recalls = []
    print(f"\n## jieba {mode} mode: {len(index)} terms, index ~{size/1024:.1f} KB")
    print("| query | relevant | found | recall |")
    for q in QUERIES:
        parts = q.lower().split()
        relevant = {i for i, p in enumerate(pages) if all(contains(p["text"], x) for x in parts)}
        terms = [w for w in words(q, "precise")]
        found = None
        for t in terms:
            hit = index.get(t, set()) if not re.fullmatch(r"[0-9a-z]+", t) else set().union(*[s for w, s in index.items() if w.startswith(t)] or [set()])
            found = hit if found is None else found & hit
        found = found or set()
        r = len(relevant & found) / len(relevant) if relevant else 1.0
        if relevant:
            recalls.append(r)
        print(f"| {q} | {len(relevant)} | {len(found)} | {r:.2f} |")
    print(f"mean recall {sum(recalls)/len(recalls):.3f}")
