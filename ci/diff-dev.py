#!/usr/bin/env python3
"""Per-statement diff of the offline tagger against the dev corpus labels, TUNE PART ONLY.

usage: ci/diff-dev.py [ARTICLE_PREFIX...]   (run from the project root; needs ../shared/eval/score.py)

Prints, per article, gold statements missed (MISS), matched with a wrong speaker (SPK) or side (SIDE), and
predicted statements that match no gold one (FP). The frozen articles (devcorpus/frozen.txt) are never read,
tagged or printed: tune only on what this shows.
"""
import collections, importlib.util, json, os, subprocess, sys

DEV = os.environ.get("DEV_DIR", "tagger/src/test/resources/devcorpus")
spec = importlib.util.spec_from_file_location("score", os.environ.get("SCORE_PY", "../shared/eval/score.py"))
score = importlib.util.module_from_spec(spec); spec.loader.exec_module(score)

frozen = {l.strip() for l in open(os.path.join(DEV, "frozen.txt")) if l.strip() and not l.startswith("#")}
prefixes = sys.argv[1:]
files, labels = [], []
for corpus in sorted(os.listdir(DEV)):
    d = os.path.join(DEV, corpus)
    if not os.path.isfile(os.path.join(d, "labels.jsonl")): continue
    for f in sorted(os.listdir(os.path.join(d, "articles"))):
        i = f[:-4]
        if f.endswith(".txt") and i not in frozen and (not prefixes or any(i.startswith(p) for p in prefixes)):
            files.append(os.path.join(d, "articles", f))
    ids = {os.path.basename(f)[:-4] for f in files}
    for line in open(os.path.join(d, "labels.jsonl")):
        if line.strip():
            g = json.loads(line)
            if g["article"] in ids: labels.append(g)
out = subprocess.run(["./newsstream", "tag"] + files, capture_output=True, text=True, check=True).stdout
preds = [json.loads(l) for l in out.splitlines() if l.strip()]
pspans = collections.defaultdict(list)
for p in preds:
    for u in p.get("statements") or []:
        loc = score.locate(p.get("text", ""), u.get("text") or "")
        if loc: pspans[p["articleId"]].append((p["paragraph"], score.squash(p["text"]), loc, u))
used = set(); rows = collections.defaultdict(list); n = collections.Counter()
for g in labels:
    art = g["article"]; best, bov = None, 0.0
    for k, (pi, pt, (s, e), u) in enumerate(pspans.get(art, [])):
        gl = score.locate(pt, g["quote"])
        if not gl: continue
        ov = max(0, min(e, gl[1]) - max(s, gl[0])); sh = max(1, min(e - s, gl[1] - gl[0]))
        if ov / sh >= 0.5 and ov / sh > bov and (art, k) not in used: best, bov = (art, k), ov / sh
    if not best:
        n["miss"] += 1
        rows[art].append((g["paragraph"], "MISS", f'{"D" if g["direct"] else "R"} [{g["speaker"]}|{g["side"]}] {g["quote"][:110]}'))
        continue
    used.add(best); u = pspans[art][best[1]][3]; n["hit"] += 1
    if not score.same_speaker(g["speaker"], u.get("speaker")):
        n["spk"] += 1
        rows[art].append((g["paragraph"], "SPK", f'gold={g["speaker"]} pred={u.get("speaker")} ev={u.get("evidence",{}).get("speakerRule","")} | {g["quote"][:70]}'))
    if score.norm_side(g["side"]) != score.norm_side(u.get("side")):
        n["side"] += 1
        rows[art].append((g["paragraph"], "SIDE", f'gold={g["side"]} pred={u.get("side")} spk={u.get("speaker")} src={u.get("evidence",{}).get("sideSource","")}'))
for art, lst in pspans.items():
    for k, (pi, pt, loc, u) in enumerate(lst):
        if (art, k) not in used:
            n["fp"] += 1
            rows[art].append((pi, "FP", f'[{u.get("speaker")}|{u.get("side")}] {u.get("text","")[:110]}'))
for art in sorted(rows):
    print("##", art)
    for pi, kind, msg in sorted(rows[art], key=lambda r: (r[0], r[1])):
        print(f"  p{pi:<3} {kind:<4} {msg}")
print(dict(n), "gold", len(labels))
