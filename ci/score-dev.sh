#!/usr/bin/env bash
# Scores the offline tagger on the project's development corpus, split into the part we tune on and the frozen
# check set that nobody tunes on (tagger/src/test/resources/devcorpus/frozen.txt), plus the whole of each corpus.
# Prints: tune (all corpora), frozen (all corpora), then each corpus's tune and frozen part.
# usage: ci/score-dev.sh [--json]      (needs python3; builds the project on first use through ./newsstream)
# DEV_DIR=path scores another copy of the corpus directory (default tagger/src/test/resources/devcorpus)
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=${DEV_DIR:-tagger/src/test/resources/devcorpus}
SCORE="${SCORE_PY:-../shared/eval/score.py}"
[ -f "$SCORE" ] || { echo "score-dev: $SCORE not found (it lives in ../shared/eval; set SCORE_PY)" >&2; exit 2; }
OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
python3 - "$DEV" "$OUT" <<'PY'
import json, os, sys
dev, out = sys.argv[1], sys.argv[2]
frozen = {l.strip() for l in open(os.path.join(dev, "frozen.txt")) if l.strip() and not l.startswith("#")}
import collections
sets = collections.defaultdict(list)
arts = collections.defaultdict(list)
for corpus in sorted(os.listdir(dev)):
    d = os.path.join(dev, corpus)
    if not os.path.isfile(os.path.join(d, "labels.jsonl")): continue
    ids = sorted(f[:-4] for f in os.listdir(os.path.join(d, "articles")) if f.endswith(".txt"))
    for i in ids:
        part = "frozen" if i in frozen else "tune"
        for k in (part, corpus + "-" + part):
            arts[k].append(os.path.join(d, "articles", i + ".txt"))
    for line in open(os.path.join(d, "labels.jsonl")):
        if not line.strip(): continue
        g = json.loads(line)
        part = "frozen" if g["article"] in frozen else "tune"
        for k in (part, corpus + "-" + part):
            sets[k].append(line.strip())
for k in sets:
    open(os.path.join(out, k + ".labels.jsonl"), "w").write("\n".join(sets[k]) + "\n")
    open(os.path.join(out, k + ".files"), "w").write("\n".join(arts[k]) + "\n")
PY
for part in tune frozen $(cd "$OUT" && ls *-*.files | sed 's/\.files$//'); do
  # shellcheck disable=SC2046
  ./newsstream tag $(cat "$OUT/$part.files") > "$OUT/$part.pred.jsonl"
  echo "== $part ($(wc -l < "$OUT/$part.files") articles, $(wc -l < "$OUT/$part.labels.jsonl") statements)"
  python3 "$SCORE" "$OUT/$part.labels.jsonl" "$OUT/$part.pred.jsonl" "$@"
done
