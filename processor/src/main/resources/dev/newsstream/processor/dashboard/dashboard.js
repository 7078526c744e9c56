/*
 * NewsStream live dashboard. Polls the read-only API every 2 s and redraws.
 *
 * Safety rule of this file: every string that comes from the data (quotes, speakers, titles, sides, evidence) reaches
 * the page through textContent or a DOM property, never as markup parsed by the browser; links only get
 * http(s) URLs. DashboardChromiumIT checks that a quote holding <script> or <img onerror> renders as text.
 */
'use strict';

(function () {
  const POLL_MS = 2000;
  /** The hourly chart changes slowly (and costs a range scan per side): refresh it every 15th poll. */
  const WINDOW_POLLS = 15;
  /** Side codes as the API validates them; anything else is not put into a chart (chart labels are not our DOM). */
  const SIDE_CODE = /^[\p{L}\p{N}_.-]{1,64}$/u;
  /** Statements without a side: a neutral grey that no side gets. */
  const UNKNOWN_COLOUR = '#8a94a6';
  /**
   * Kenneth Kelly's 22 colours of maximum contrast (1965), a categorical palette designed so that neighbours stay
   * distinguishable, without its white and black and with its grey reserved for UNKNOWN; the two yellows darkened
   * a little so white chip text stays readable. Sides get them in order of first appearance on this page, so up to
   * 19 sides never share a colour and a side keeps its colour while the page is open.
   */
  const PALETTE = ['#0067a5', '#be0032', '#008856', '#f38400', '#875692', '#a1caf1', '#882d17', '#8db600',
    '#e68fac', '#604e97', '#c9a000', '#b3446c', '#f99379', '#654522', '#2b3d26', '#e25822', '#c2b280', '#a8a000',
    '#f6a600'];
  const assigned = new Map();
  const STANCE_COLOURS = { cooperative: '#1f9d63', confrontational: '#d64545', neutral: '#c5ccd8' };

  let polls = 0;
  let sentimentChart = null;
  let stanceChart = null;
  let lastFeedKey = '';

  // --- helpers -------------------------------------------------------------------------------------------------

  /** An element with a class and text; the text is always set with textContent. */
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function sideColour(side) {
    if (!side || side === 'UNKNOWN') return UNKNOWN_COLOUR;
    if (!assigned.has(side)) {
      // past the palette's length colours repeat, in the same order
      assigned.set(side, PALETTE[assigned.size % PALETTE.length]);
    }
    return assigned.get(side);
  }

  /** "1 statement", "2 statements". */
  function plural(n, word) {
    return n + ' ' + word + (n === 1 ? '' : 's');
  }

  function chip(side) {
    const c = el('span', 'chip', side || '—');
    c.style.setProperty('--side', sideColour(side));
    return c;
  }

  function scoreClass(v) {
    return v === null || v === undefined ? 'neu' : v >= 0.05 ? 'pos' : v <= -0.05 ? 'neg' : 'neu';
  }

  function score(v) {
    const text = typeof v === 'number' ? (v > 0 ? '+' : '') + v.toFixed(2) : '–';
    return el('span', 'score ' + scoreClass(v), text);
  }

  function fmtTime(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d) ? '' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  function safeUrl(u) {
    try {
      const url = new URL(u, window.location.href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  async function getJson(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!r.ok) {
      let msg = r.status + ' ' + r.statusText;
      try { msg = (await r.json()).error || msg; } catch (e) { /* keep the status line */ }
      const err = new Error(msg);
      err.status = r.status;
      throw err;
    }
    return r.json();
  }

  function setStatus(kind, text) {
    const s = document.getElementById('status');
    s.className = 'pill pill-' + kind;
    s.textContent = text;
  }

  // --- panels --------------------------------------------------------------------------------------------------

  function renderCards(sides, late) {
    const lateBySide = new Map((late || []).map(l => [l.side, l]));
    const box = document.getElementById('side-cards');
    const cards = [];
    if (sides.length === 0) {
      const c = el('div', 'card empty');
      c.append(el('div', 'side-code', 'No statements yet'), el('div', 'sub', 'waiting for tagged news…'));
      cards.push(c);
    }
    for (const row of sides) {
      const c = el('div', 'card');
      c.style.setProperty('--side', sideColour(row.key));
      const big = score(row.meanCompound);
      big.classList.add('big');
      big.style.display = 'block';
      const st = row.stance || {};
      const po = row.polarity || {};
      c.append(el('div', 'side-code', row.key), big,
        el('div', 'sub', plural(row.statements, 'statement') + ' · ' + plural(row.speakers, 'speaker')),
        // counts per stance and per polarity label (the trained classifiers' labels; docs/stance.md)
        el('div', 'sub', 'stance ' + (st.cooperative || 0) + ' coop · ' + (st.confrontational || 0) + ' confr · '
          + (st.neutral || 0) + ' neutral'),
        el('div', 'sub', 'tone ' + (po.positive || 0) + ' pos · ' + (po.negative || 0) + ' neg · '
          + (po.neutral || 0) + ' neutral'));
      const l = lateBySide.get(row.key);
      if (l && (l.hourly || l.daily)) {
        const note = el('div', 'sub late', plural(Math.max(l.hourly, l.daily), 'late statement'));
        note.title = l.hourly + ' arrived after their hourly window had closed, ' + l.daily
          + ' after their daily window; they count in the all-time numbers, not in those windows';
        c.append(note);
      }
      cards.push(c);
    }
    box.replaceChildren(...cards);
  }

  function renderStance(sides) {
    if (!stanceChart) return;
    const rows = sides.filter(r => SIDE_CODE.test(r.key));
    const names = rows.map(r => r.key);
    const share = (r, k) => {
      const s = r.stance || {};
      const total = (s.cooperative || 0) + (s.confrontational || 0) + (s.neutral || 0);
      return total ? Math.round(1000 * (s[k] || 0) / total) / 10 : 0;
    };
    stanceChart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      legend: { type: 'scroll', top: 0, icon: 'roundRect' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: v => v + ' %' },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: names, inverse: true },
      series: ['cooperative', 'confrontational', 'neutral'].map(k => ({
        name: k, type: 'bar', stack: 'stance', barMaxWidth: 26,
        itemStyle: { color: STANCE_COLOURS[k] },
        data: rows.map(r => share(r, k))
      }))
    }, { replaceMerge: ['series'] });
  }

  function renderSpeakers(rows) {
    const body = document.querySelector('#speakers tbody');
    const trs = rows.map(r => {
      const tr = el('tr');
      const stance = r.stance || {};
      const total = (stance.cooperative || 0) + (stance.confrontational || 0) + (stance.neutral || 0) || 1;
      const bar = el('div', 'stance-bar');
      for (const [k, cls] of [['cooperative', 'co'], ['confrontational', 'cf'], ['neutral', 'ne']]) {
        const seg = el('span', cls);
        seg.style.width = (100 * (stance[k] || 0) / total) + '%';
        seg.title = k + ': ' + (stance[k] || 0);
        bar.append(seg);
      }
      const tdSide = el('td');
      tdSide.append(chip(r.side));
      const tdScore = el('td', 'num');
      tdScore.append(score(r.meanCompound));
      const tdStance = el('td');
      tdStance.append(bar);
      tr.append(el('td', 'speaker', r.speaker || r.key), tdSide, el('td', 'num', r.statements), tdScore, tdStance);
      return tr;
    });
    if (trs.length === 0) {
      const tr = el('tr');
      const td = el('td', 'empty-note', 'No speakers yet.');
      td.colSpan = 5;
      tr.append(td);
      trs.push(tr);
    }
    body.replaceChildren(...trs);
  }

  function renderFeed(items) {
    const key = JSON.stringify(items);
    if (key === lastFeedKey) return; // nothing new: keep the DOM (and any text selection) as it is
    lastFeedKey = key;
    const list = document.getElementById('feed');
    if (items.length === 0) {
      list.replaceChildren(el('li', 'empty-note', 'No statements yet — they appear here as paragraphs are tagged.'));
      return;
    }
    list.replaceChildren(...items.map(s => {
      const li = el('li', 'statement');
      li.style.setProperty('--side', sideColour(s.side));
      const who = el('div', 'who');
      who.append(el('span', 'speaker', s.speaker || 'unattributed'), chip(s.side));
      if (s.stance) who.append(el('span', 'badge ' + (STANCE_COLOURS[s.stance] ? s.stance : ''), s.stance));
      who.append(score(s.compound));
      const meta = el('div', 'meta');
      const url = safeUrl(s.url);
      const title = s.title || s.articleId || '';
      if (url) {
        const a = el('a', null, title);
        a.href = url;
        a.rel = 'noopener noreferrer';
        a.target = '_blank';
        meta.append(a);
      } else {
        meta.append(el('span', null, title));
      }
      const when = fmtTime(s.publishedAt);
      if (when) meta.append(document.createTextNode(' · ' + when));
      if (s.source) meta.append(document.createTextNode(' · ' + s.source));
      li.append(who, s.direct === false ? reported(s) : el('blockquote', 'direct', s.text || ''), meta);
      const evidence = s.evidence ? Object.entries(s.evidence) : [];
      if (evidence.length) {
        li.append(el('div', 'why', 'why: ' + evidence.map(([k, v]) => k + '=' + v).join(' · ')));
      }
      return li;
    }));
  }

  /**
   * Reported speech as it was reported, without quotation marks: the speaker, the verb the tagger found (its
   * evidence "cue"), then the clause: "Igor Vasnetsov said Moscow would not agree…", "According to the ministry, …".
   */
  function reported(s) {
    const p = el('p', 'reported');
    const who = s.speaker || 'someone';
    const text = (s.text || '').trim();
    const cue = s.evidence && typeof s.evidence.cue === 'string' ? s.evidence.cue.trim() : '';
    if (cue.toLowerCase() === 'according to') {
      p.append(document.createTextNode('According to '), el('span', 'who-said', who), document.createTextNode(', ' + text));
    } else if (!cue || text.toLowerCase().startsWith(cue.toLowerCase() + ' ')) {
      p.append(el('span', 'who-said', who), document.createTextNode(' ' + text));
    } else {
      p.append(el('span', 'who-said', who), document.createTextNode(' ' + cue + ' ' + text));
    }
    return p;
  }

  async function renderSentiment(sides) {
    if (!sentimentChart) return;
    const named = sides.filter(r => SIDE_CODE.test(r.key));
    // News corpora can be old: anchor the range at the newest statement we know of, not at the wall clock.
    const latest = named.map(r => r.latest && r.latest.publishedAt).filter(Boolean).map(t => Date.parse(t))
      .filter(t => !isNaN(t));
    if (latest.length === 0) {
      sentimentChart.setOption({ title: { text: 'no statements yet', left: 'center', top: 'middle', textStyle: { color: '#8a94a6', fontSize: 14 } } });
      return;
    }
    const to = new Date(Math.max(...latest) + 3600e3);
    const from = new Date(to.getTime() - 7 * 24 * 3600e3);
    const series = await Promise.all(named.map(async r => {
      const q = '?size=1h&from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString());
      const rows = await getJson('/api/sides/' + encodeURIComponent(r.key) + '/windows' + q);
      return {
        name: r.key, type: 'line', smooth: true, showSymbol: rows.length < 40, connectNulls: false,
        itemStyle: { color: sideColour(r.key) }, lineStyle: { width: 2 },
        data: rows.filter(w => typeof w.meanCompound === 'number').map(w => [w.windowStart, w.meanCompound])
      };
    }));
    // how many distinct hours have a point: said in words on the page (and kept as data-hours for tests)
    const hours = new Set();
    series.forEach(x => x.data.forEach(d => hours.add(d[0])));
    document.getElementById('sentiment-chart').dataset.hours = String(hours.size);
    document.getElementById('sentiment-range').textContent =
      'by publication time, ' + fmtTime(from.toISOString()) + ' – ' + fmtTime(to.toISOString())
      + ' · ' + plural(hours.size, 'hour') + ' with statements';
    sentimentChart.setOption({
      animation: false,
      title: { show: false },
      // a one-line scrolling legend above the plot area: however many sides, it never covers a point
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { type: 'scroll', top: 0, icon: 'roundRect', data: named.map(r => r.key) },
      tooltip: { trigger: 'axis', valueFormatter: v => (typeof v === 'number' ? v.toFixed(3) : v) },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', min: -1, max: 1, splitLine: { lineStyle: { color: '#eef1f6' } } },
      series: series.concat([{
        name: 'neutral', type: 'line', silent: true, data: [], markLine: { symbol: 'none', silent: true,
          lineStyle: { color: '#c5ccd8', type: 'dashed' }, label: { show: false }, data: [{ yAxis: 0 }] }
      }])
    }, { replaceMerge: ['series'] });
  }

  /** A plain explanation above the panels when the API cannot be read (null hides it). */
  function showLoadError(e) {
    const box = document.getElementById('load-error');
    if (!e) {
      box.hidden = true;
      return;
    }
    const where = window.location.host;
    const title = e.status === 503
      ? 'The processor at ' + where + ' is running but cannot answer yet.'
      : e.status
        ? 'The processor at ' + where + ' answered ' + e.status + '.'
        : 'Cannot reach the processor at ' + where + '.';
    const why = e.status === 503
      ? 'Its tables are moving between instances or being restored after a restart (' + e.message + ').'
      : e.status ? String(e.message) : 'It may have stopped, or the network between this browser and it is down.';
    const tips = e.status === 503
      ? ['Wait a few seconds: this page retries every 2 seconds and fills in by itself.',
        'If it stays like this, check the processor\'s console for errors and its /health.']
      : ['Check that the processor (newsstream demo or newsstream process) is still running.',
        'Open /health on the same address: it says whether Kafka Streams is RUNNING.',
        'This page retries every 2 seconds; it shows the last data it had meanwhile.'];
    const list = el('ul');
    tips.forEach(t => list.append(el('li', null, t)));
    box.replaceChildren(el('strong', null, title), el('span', null, why), list);
    box.hidden = false;
  }

  // --- loop ----------------------------------------------------------------------------------------------------

  let busy = false;

  async function refresh() {
    if (busy) return; // a slow answer must not pile up requests
    busy = true;
    polls++;
    try {
      const [health, sides, speakers, feed, late] = await Promise.all([
        getJson('/health').catch(e => ({ status: 'DOWN', state: e.message })),
        getJson('/api/sides'),
        getJson('/api/speakers?limit=15'),
        getJson('/api/statements/latest?limit=30'),
        getJson('/api/late').catch(() => [])
      ]);
      setStatus(health.status === 'UP' ? 'up' : 'down', health.status === 'UP' ? 'live' : String(health.state || 'down'));
      showLoadError(null);
      renderCards(sides, late);
      renderStance(sides);
      renderSpeakers(speakers);
      renderFeed(feed);
      if (polls === 1 || polls % WINDOW_POLLS === 0) {
        await renderSentiment(sides);
      }
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
      // layout self-check (read by DashboardChromiumIT at phone width): how far the page overflows sideways
      document.body.dataset.overflow = String(Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
    } catch (e) {
      // 503 while the tables move between instances: keep the last picture and say so
      setStatus(e.status === 503 ? 'wait' : 'down', e.status === 503 ? 'rebalancing…' : 'offline');
      showLoadError(e);
      if (polls === 1) polls = 0; // draw the hourly chart as soon as the API answers
    } finally {
      busy = false;
    }
  }

  function start() {
    if (window.echarts) {
      sentimentChart = window.echarts.init(document.getElementById('sentiment-chart'), null, { renderer: 'canvas' });
      stanceChart = window.echarts.init(document.getElementById('stance-chart'), null, { renderer: 'canvas' });
      window.addEventListener('resize', () => { sentimentChart.resize(); stanceChart.resize(); });
    }
    refresh();
    setInterval(refresh, POLL_MS);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
