#!/usr/bin/env python3
"""Checks a labelled corpus (newsdev format) for structural errors, without running the tagger.

usage: ci/check-labels.py CORPUS_DIR [CORPUS_DIR ...]
  e.g. ci/check-labels.py tagger/src/test/resources/devcorpus/newsdev tagger/src/test/resources/devcorpus/added

A corpus dir holds articles/<id>.txt (blocks separated by one blank line; block 0 title, block 1 the
"Source: URL · date · licence" line), labels.jsonl and sources.tsv. Checked:
  - every label has all fields, of the right type and vocabulary (stance, polarity, side code form);
  - its article exists, its paragraph is a text block (>= 2) or the title (0), never the Source line;
  - its quote is a non-empty, exact substring of that block (no surrounding whitespace);
  - no duplicate (article, paragraph, quote, speaker) rows;
  - every article has a sources.tsv row (id, title, url, date YYYY-MM-DD, licence, topic) and a Source line
    in block 1 that names the same URL, date and licence; every sources.tsv row has an article.
Exit status 1 when anything is wrong (each problem printed), 0 otherwise; a summary goes to stdout.
"""
import json
import os
import re
import sys

FIELDS = ["article", "paragraph", "quote", "direct", "speaker", "side", "stance", "polarity"]
STANCES = {"cooperative", "confrontational", "neutral"}
POLARITIES = {"positive", "negative", "neutral"}
BODIES = {"EU", "UN", "NATO", "AU", "IAEA", "OTHER", "UNKNOWN"}
SIDE_RE = re.compile(r"^[A-Z]{3}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def blocks_of(path):
    text = open(path, encoding="utf-8").read()
    return [b.strip("\n") for b in text.rstrip("\n").split("\n\n")]


def check(corpus):
    problems = []
    adir = os.path.join(corpus, "articles")
    articles = {f[:-4]: blocks_of(os.path.join(adir, f)) for f in sorted(os.listdir(adir)) if f.endswith(".txt")}
    sources = {}
    spath = os.path.join(corpus, "sources.tsv")
    if os.path.exists(spath):
        rows = [l.rstrip("\n").split("\t") for l in open(spath, encoding="utf-8") if l.strip()]
        for r in rows[1:]:
            if len(r) != 6 or not all(c.strip() for c in r):
                problems.append("sources.tsv: row needs 6 non-empty columns: %r" % (r,))
                continue
            sources[r[0]] = r
            if not DATE_RE.match(r[3]):
                problems.append("sources.tsv %s: date %r is not YYYY-MM-DD" % (r[0], r[3]))
    else:
        problems.append("%s: missing" % spath)
    for aid, blocks in articles.items():
        if len(blocks) < 3:
            problems.append("%s: fewer than 3 blocks" % aid)
            continue
        src = blocks[1]
        if not src.startswith("Source: "):
            problems.append("%s: block 1 is not a Source line" % aid)
        if aid not in sources:
            problems.append("%s: no sources.tsv row" % aid)
        else:
            r = sources[aid]
            for what, val in (("url", r[2]), ("date", r[3]), ("licence", r[4])):
                if val not in src:
                    problems.append("%s: Source line lacks the sources.tsv %s %r" % (aid, what, val))
            if r[1] != blocks[0]:
                problems.append("%s: title %r differs from sources.tsv %r" % (aid, blocks[0], r[1]))
    for sid in sources:
        if sid not in articles:
            problems.append("sources.tsv %s: no article file" % sid)
    seen = set()
    n = direct = 0
    per_article = {}
    for ln, line in enumerate(open(os.path.join(corpus, "labels.jsonl"), encoding="utf-8"), 1):
        if not line.strip():
            continue
        where = "labels.jsonl:%d" % ln
        try:
            g = json.loads(line)
        except ValueError as e:
            problems.append("%s: not JSON (%s)" % (where, e))
            continue
        missing = [f for f in FIELDS if f not in g or g[f] is None or g[f] == ""]
        if missing:
            problems.append("%s: missing %s" % (where, ", ".join(missing)))
            continue
        extra = set(g) - set(FIELDS)
        if extra:
            problems.append("%s: unknown fields %s" % (where, ", ".join(sorted(extra))))
        n += 1
        direct += g["direct"] is True
        per_article[g["article"]] = per_article.get(g["article"], 0) + 1
        if not isinstance(g["direct"], bool):
            problems.append("%s: direct must be true/false" % where)
        if not isinstance(g["paragraph"], int):
            problems.append("%s: paragraph must be an integer" % where)
            continue
        if g["stance"] not in STANCES:
            problems.append("%s: stance %r" % (where, g["stance"]))
        if g["polarity"] not in POLARITIES:
            problems.append("%s: polarity %r" % (where, g["polarity"]))
        if g["side"] not in BODIES and not SIDE_RE.match(g["side"]):
            problems.append("%s: side %r is not an alpha-3 code or one of %s" % (where, g["side"], sorted(BODIES)))
        if g["speaker"] != g["speaker"].strip():
            problems.append("%s: speaker has surrounding whitespace" % where)
        blocks = articles.get(g["article"])
        if blocks is None:
            problems.append("%s: no article %r" % (where, g["article"]))
            continue
        p = g["paragraph"]
        if p == 1 or p < 0 or p >= len(blocks):
            problems.append("%s: paragraph %d is not a labellable block of %s (%d blocks)" % (where, p, g["article"], len(blocks)))
            continue
        q = g["quote"]
        if q != q.strip():
            problems.append("%s: quote has surrounding whitespace" % where)
        if q not in blocks[p]:
            problems.append("%s: quote is not an exact substring of %s block %d: %r" % (where, g["article"], p, q[:80]))
        key = (g["article"], p, q, g["speaker"])
        if key in seen:
            problems.append("%s: duplicate row" % where)
        seen.add(key)
    for aid in articles:
        if aid not in per_article:
            problems.append("%s: no labels (every article should have its statements labelled)" % aid)
    print("%s: %d articles, %d statements (%d direct, %d reported)%s" % (
        corpus, len(articles), n, direct, n - direct, "" if not problems else ", %d problems" % len(problems)))
    return problems


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    bad = False
    for corpus in argv[1:]:
        for p in check(corpus):
            print("  " + p)
            bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
