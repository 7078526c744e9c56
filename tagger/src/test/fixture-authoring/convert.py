import json, re, sys, os
MARK = re.compile(r'\{\{(.*?)\|([^|{}]*)\|([^|{}]*)\|([^|{}]*)\|([^|{}]*)\}\}', re.S)
QUOTES = set('"“‘\'')
for src in sorted(f for f in os.listdir('.') if f.endswith('.src')):
    stem = src[:-4]
    raw = open(src).read()
    blocks = [b for b in re.split(r'\n[ \t]*\n', raw) if b.strip()]
    labels, clean_blocks = [], []
    for i, b in enumerate(blocks):
        out = ''; pos = 0
        for m in MARK.finditer(b):
            out += b[pos:m.start()]
            direct = len(out) > 0 and out[-1] in QUOTES
            text, spk, side, stance, pol = m.groups()
            labels.append({"article": stem, "paragraph": i, "quote": text, "direct": direct, "speaker": spk,
                           "side": side, "stance": stance, "polarity": pol})
            out += text; pos = m.end()
        out += b[pos:]
        assert '{{' not in out and '}}' not in out, (src, out)
        clean_blocks.append(out.strip())
        for l in labels:
            if l["paragraph"] == i: assert l["quote"] in out
    open(stem + '.txt', 'w').write('\n\n'.join(clean_blocks) + '\n')
    with open(stem + '.labels.jsonl', 'w') as f:
        for l in labels: f.write(json.dumps(l, ensure_ascii=False) + '\n')
    print(stem, len(blocks), 'blocks', len(labels), 'labels')
