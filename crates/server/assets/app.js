// petrel dashboard: one filter state, kept in the URL, drives every panel.
// No build step: plain browser JavaScript over the vendored uPlot, d3-geo and topojson-client.
'use strict';

const QUADS = [
  { key: '1', label: 'verbal cooperation', color: '#2b7bb9' },
  { key: '2', label: 'material cooperation', color: '#1a9850' },
  { key: '3', label: 'verbal conflict', color: '#f39c12' },
  { key: '4', label: 'material conflict', color: '#c0392b' },
];
const ROOTS = {
  '01': 'make public statement', '02': 'appeal', '03': 'express intent to cooperate', '04': 'consult',
  '05': 'diplomatic cooperation', '06': 'material cooperation', '07': 'provide aid', '08': 'yield',
  '09': 'investigate', '10': 'demand', '11': 'disapprove', '12': 'reject', '13': 'threaten',
  '14': 'protest', '15': 'exhibit force posture', '16': 'reduce relations', '17': 'coerce',
  '18': 'assault', '19': 'fight', '20': 'use unconventional mass violence',
};
const PLOVER = ['AGREE', 'ACCUSE', 'AID', 'ASSAULT', 'COERCE', 'CONCEDE', 'CONSULT', 'COOPERATE',
  'DEMAND', 'DEMONSTRATE', 'MOBILIZE', 'PROTEST', 'REJECT', 'REQUEST', 'RETREAT', 'SANCTION',
  'SUPPORT', 'THREATEN'];
const FILTER_KEYS = ['from', 'to', 'country', 'actor', 'root', 'plover', 'place'];

const $ = (sel) => document.querySelector(sel);
const svgNS = 'http://www.w3.org/2000/svg';

function el(tag, attrs, ...children) {
  const node = tag.startsWith('svg:') ? document.createElementNS(svgNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.setAttribute('class', v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

// The filter state lives in the URL, so a view can be bookmarked.
function readFilters() {
  const params = new URLSearchParams(location.search);
  const f = {};
  for (const k of FILTER_KEYS) { const v = params.get(k); if (v) f[k] = v; }
  return f;
}

function writeFilters(f) {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) params.set(k, f[k]);
  const qs = params.toString();
  history.pushState(null, '', qs ? '?' + qs : location.pathname);
}

function query(f, extra) {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) params.set(k, f[k]);
  for (const [k, v] of Object.entries(extra || {})) params.set(k, v);
  return params.toString();
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await res.json();
  if (!res.ok) throw new Error(body && body.error ? body.error.message : res.statusText);
  return body;
}

function showError(container, err) {
  container.replaceChildren(el('p', { class: 'error', text: String(err.message || err) }));
}

// ---------- filter bar ----------
function fillForm(f) {
  const form = $('#filters');
  for (const k of ['from', 'to', 'country', 'actor', 'root', 'plover']) form.elements[k].value = f[k] || '';
}

function setupForm() {
  const root = $('#filters').elements.root;
  for (const [code, name] of Object.entries(ROOTS)) root.append(el('option', { value: code, text: code + ' ' + name }));
  const plover = $('#filters').elements.plover;
  for (const p of PLOVER) plover.append(el('option', { value: p, text: p }));
  $('#filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const form = e.target;
    const f = readFilters();
    for (const k of ['from', 'to', 'country', 'actor', 'root', 'plover']) {
      const v = form.elements[k].value.trim();
      if (v) f[k] = (k === 'country' || k === 'actor' || k === 'plover') ? v.toUpperCase() : v; else delete f[k];
    }
    apply(f);
  });
  $('#clear').addEventListener('click', () => apply({}));
  $('#search').addEventListener('submit', (e) => { e.preventDefault(); searchStories(e.target.elements.q.value); });
  window.addEventListener('popstate', () => refresh(readFilters()));
}

function apply(f) { writeFilters(f); refresh(f); }

// ---------- time series ----------
let plot = null;
async function drawTimeseries(f) {
  const box = $('#timeseries');
  box.dataset.state = 'loading';
  try {
    const first = f.from || (summary && summary.first_date);
    const last = f.to || (summary && summary.last_date);
    const span = first && last ? (Date.parse(last) - Date.parse(first)) / 864e5 : Infinity;
    const interval = span <= 120 ? 'day' : span <= 800 ? 'week' : 'month';
    const ts = await api('/api/stats/timeseries?' + query(f, { interval, by: 'quad' }));
    // Every bucket between the first and the last, so quiet days show as zero, not as a line
    // drawn across them.
    const buckets = fillBuckets(ts.buckets, interval);
    const at = new Map(buckets.map((b, i) => [b, i]));
    const dense = (values) => { const out = buckets.map(() => 0); ts.buckets.forEach((b, i) => { out[at.get(b)] = values[i]; }); return out; };
    const xs = buckets.map((b) => Date.parse(b.length === 7 ? b + '-01' : b) / 1000);
    const series = new Map(ts.series.map((s) => [s.key, s]));
    const goldstein = dense(ts.buckets.map((_, i) => ts.series.reduce((sum, s) => sum + s.goldstein_sum[i], 0)));
    const data = [xs, ...QUADS.map((q) => (series.has(q.key) ? dense(series.get(q.key).counts) : xs.map(() => 0))), goldstein];
    const opts = {
      width: Math.max(box.clientWidth, 300), height: 240,
      cursor: { drag: { x: true, y: false } },
      select: { show: true },
      scales: { x: { time: true }, g: { auto: true } },
      axes: [{}, { label: 'events' }, { scale: 'g', side: 1, label: 'Goldstein sum', grid: { show: false } }],
      series: [{}, ...QUADS.map((q) => ({ label: q.label, stroke: q.color, width: 2, points: { show: xs.length < 60 } })),
        { label: 'Goldstein', scale: 'g', stroke: '#555', dash: [4, 4], width: 1 }],
      hooks: {
        setSelect: [(u) => {
          if (u.select.width < 3) return;
          const a = u.posToVal(u.select.left, 'x');
          const b = u.posToVal(u.select.left + u.select.width, 'x');
          const day = (t) => new Date(t * 1000).toISOString().slice(0, 10);
          apply({ ...readFilters(), from: day(a), to: day(b) });
        }],
      },
    };
    if (plot) plot.destroy();
    box.replaceChildren();
    plot = new uPlot(opts, data, box);
    box.dataset.points = String(xs.length);
    box.dataset.total = String(data.slice(1, 5).flat().reduce((a, b) => a + b, 0));
    box.dataset.state = 'ready';
  } catch (err) { showError(box, err); box.dataset.state = 'error'; }
}

function fillBuckets(buckets, interval) {
  if (!buckets.length) return [];
  const out = [];
  const end = buckets[buckets.length - 1];
  if (interval === 'month') {
    let [y, m] = buckets[0].split('-').map(Number);
    for (let guard = 0; guard < 2400; guard++) {
      const b = `${y}-${String(m).padStart(2, '0')}`;
      out.push(b);
      if (b >= end) break;
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }
  const step = interval === 'week' ? 7 : 1;
  let t = Date.parse(buckets[0]);
  for (let guard = 0; guard < 20000; guard++) {
    const b = new Date(t).toISOString().slice(0, 10);
    out.push(b);
    if (b >= end) break;
    t += step * 864e5;
  }
  return out;
}

// ---------- map ----------
let world = null;
async function drawMap(f) {
  const svg = $('#map');
  svg.dataset.state = 'loading';
  try {
    if (!world) world = await api('/assets/vendor/countries-110m.json');
    const places = await api('/api/stats/places?' + query(f, { limit: 300 }));
    const projection = d3.geoNaturalEarth1().fitSize([640, 330], { type: 'Sphere' });
    const path = d3.geoPath(projection);
    const land = topojson.feature(world, world.objects.countries);
    svg.replaceChildren(
      el('svg:path', { class: 'sphere', d: path({ type: 'Sphere' }) }),
      ...land.features.map((c) => el('svg:path', { class: 'land', d: path(c) }, el('svg:title', { text: c.properties.name }))),
    );
    const max = Math.max(1, ...places.places.map((p) => p.count));
    for (const p of places.places) {
      const xy = projection([p.lon, p.lat]);
      if (!xy) continue;
      const r = 3 + 9 * Math.sqrt(p.count / max);
      const color = p.mean_goldstein >= 0 ? '#2b7bb9' : '#c0392b';
      svg.append(el('svg:circle', {
        cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: r.toFixed(1), fill: color, class: 'place',
        onclick: () => apply({ ...readFilters(), place: p.name }),
      }, el('svg:title', { text: `${p.name} (${p.country || '?'}): ${p.count} events, mean Goldstein ${p.mean_goldstein}` })));
    }
    svg.dataset.places = String(places.places.length);
    svg.dataset.state = 'ready';
  } catch (err) { svg.replaceChildren(); svg.dataset.state = 'error'; console.error(err); }
}

// ---------- network ----------
async function drawNetwork(f) {
  const svg = $('#network');
  svg.dataset.state = 'loading';
  try {
    const net = await api('/api/stats/dyads?' + query(f, { limit: 16 }));
    svg.replaceChildren();
    const n = net.nodes.length;
    const pos = new Map();
    // A circle layout, nodes ordered by weight: readable for the top dyads without a physics engine.
    const nodes = [...net.nodes].sort((a, b) => b.count - a.count);
    nodes.forEach((node, i) => {
      const a = (2 * Math.PI * i) / Math.max(n, 1) - Math.PI / 2;
      pos.set(node.id, [210 + 125 * Math.cos(a), 165 + 125 * Math.sin(a), Math.cos(a)]);
    });
    const maxEdge = Math.max(1, ...net.edges.map((e) => e.count));
    for (const e of net.edges) {
      const [x1, y1] = pos.get(e.source); const [x2, y2] = pos.get(e.target);
      svg.append(el('svg:line', {
        x1, y1, x2, y2, 'stroke-width': (1 + 5 * e.count / maxEdge).toFixed(1),
        stroke: e.mean_goldstein >= 0 ? '#2b7bb9' : '#c0392b',
      }, el('svg:title', { text: `${e.source} → ${e.target}: ${e.count} events, mean Goldstein ${e.mean_goldstein}` })));
    }
    const maxNode = Math.max(1, ...nodes.map((d) => d.count));
    for (const node of nodes) {
      const [x, y, cos] = pos.get(node.id);
      const r = 3 + 6 * Math.sqrt(node.count / maxNode);
      // Labels point away from the centre, so neighbours on the ring do not overwrite each other.
      svg.append(el('svg:g', { class: 'node', onclick: () => apply({ ...readFilters(), actor: node.id }) },
        el('svg:circle', { cx: x, cy: y, r: r.toFixed(1) }, el('svg:title', { text: `${node.id}: ${node.count} events` })),
        el('svg:text', { x: x + (cos >= 0 ? r + 3 : -r - 3), y: y + 3, 'text-anchor': cos >= 0 ? 'start' : 'end', text: node.id })));
    }
    if (!n) svg.append(el('svg:text', { x: 150, y: 165, text: 'no dyads for this filter' }));
    svg.dataset.edges = String(net.edges.length);
    svg.dataset.state = 'ready';
  } catch (err) { svg.replaceChildren(); svg.dataset.state = 'error'; console.error(err); }
}

// ---------- table ----------
let nextCursor = null;
async function drawTable(f, append) {
  const table = $('#events');
  table.dataset.state = 'loading';
  try {
    const extra = { limit: 50 };
    if (append && nextCursor) extra.cursor = nextCursor;
    const page = await api('/api/events?' + query(f, extra));
    const body = table.tBodies[0];
    if (!append) body.replaceChildren();
    for (const ev of page.events) {
      body.append(el('tr', { 'data-id': ev.id, onclick: (e) => openEvent(ev.id, e.currentTarget) },
        el('td', { text: ev.date }),
        el('td', { text: ev.source.code }),
        el('td', { class: 'q' + ev.quad_class, text: ev.cameo }),
        el('td', { text: ev.target ? ev.target.code : '—' }),
        el('td', { text: ev.plover ? ev.plover.event : '—' }),
        el('td', { text: ev.location ? ev.location.name : '—' }),
        el('td', { class: 'sentence', text: ev.sentence_text })));
    }
    nextCursor = page.next;
    $('#more').hidden = !page.next;
    $('#event-count').textContent = `(${body.rows.length} shown${page.next ? ', more available' : ''})`;
    table.dataset.rows = String(body.rows.length);
    table.dataset.state = 'ready';
  } catch (err) { table.dataset.state = 'error'; $('#event-count').textContent = String(err.message); }
}

// Splits text (indexed by code points, as the API's offsets are) into marked spans.
function highlight(text, spans) {
  const chars = Array.from(text);
  const marks = new Array(chars.length).fill(null);
  for (const s of spans) for (let i = Math.max(0, s.start); i < Math.min(chars.length, s.end); i++) marks[i] = s.kind;
  const out = [];
  let i = 0;
  while (i < chars.length) {
    let j = i;
    while (j < chars.length && marks[j] === marks[i]) j++;
    const piece = chars.slice(i, j).join('');
    out.push(marks[i] ? el('mark', { class: marks[i], title: marks[i], text: piece }) : document.createTextNode(piece));
    i = j;
  }
  return out;
}

async function openEvent(id, row) {
  for (const r of document.querySelectorAll('#events tr.selected')) r.classList.remove('selected');
  if (row) row.classList.add('selected');
  const panel = $('#evidence-panel');
  const box = $('#evidence');
  panel.hidden = false;
  box.dataset.state = 'loading';
  try {
    const d = await api('/api/events/' + encodeURIComponent(id));
    const ev = d.event;
    const base = d.sentence_start || 0;
    const spans = [];
    if (d.sentence_start !== null) {
      spans.push({ kind: 'source', start: ev.source.start - base, end: ev.source.end - base });
      if (ev.target) spans.push({ kind: 'target', start: ev.target.start - base, end: ev.target.end - base });
      spans.push({ kind: 'trigger', start: ev.trigger.start - base, end: ev.trigger.end - base });
    }
    const lines = [];
    if (ev.provenance.verb) lines.push(ev.provenance.verb);
    lines.push(...ev.provenance.actors);
    $('#evidence-title').textContent = `Evidence: ${ev.source.code} ${ev.cameo} ${ev.target ? ev.target.code : ''}`;
    box.replaceChildren(
      el('p', { class: 'sentence-view' }, ...highlight(ev.sentence_text, spans)),
      el('dl', {},
        el('dt', { text: 'source' }), el('dd', { text: `${ev.source.code} — “${ev.source.text}”${ev.source.entity ? ' (' + ev.source.entity + ')' : ''}` }),
        el('dt', { text: 'target' }), el('dd', { text: ev.target ? `${ev.target.code} — “${ev.target.text}”` : '—' }),
        el('dt', { text: 'event' }), el('dd', { text: `CAMEO ${ev.cameo} (${ROOTS[ev.cameo_root] || ''}), Goldstein ${ev.goldstein}, quad class ${ev.quad_class}${ev.plover ? ', PLOVER ' + ev.plover.event + (ev.plover.mode ? '/' + ev.plover.mode : '') : ''}, ${ev.modality}` }),
        el('dt', { text: 'trigger' }), el('dd', { text: ev.trigger.text }),
        el('dt', { text: 'date' }), el('dd', { text: `${ev.date} (${ev.date_precision})` }),
        el('dt', { text: 'place' }), el('dd', { text: ev.location ? `${ev.location.name}, ${ev.location.country || ''} (${ev.location.precision})` : '—' }),
        el('dt', { text: 'story' }), el('dd', {}, el('a', { href: '#', text: d.story.title || d.story.id, onclick: (e) => { e.preventDefault(); openStory(d.story.id); } })),
        el('dt', { text: 'coded with' }), el('dd', { text: `dictionaries ${d.versions.dictionaries}, model ${d.versions.model}` }),
        el('dt', { text: 'dictionary lines' }), el('dd', {}, ...(lines.length ? lines.map((l) => el('div', {}, el('code', { text: `${l.file}:${l.line}` }), ' ', l.text)) : ['—']))),
    );
    box.dataset.state = 'ready';
    box.dataset.event = id;
  } catch (err) { showError(box, err); box.dataset.state = 'error'; }
}

async function openStory(id) {
  const panel = $('#evidence-panel');
  const box = $('#evidence');
  panel.hidden = false;
  try {
    const s = await api('/api/stories/' + encodeURIComponent(id));
    const spans = [];
    for (const ev of s.events) {
      spans.push({ kind: 'source', start: ev.source.start, end: ev.source.end });
      if (ev.target) spans.push({ kind: 'target', start: ev.target.start, end: ev.target.end });
      spans.push({ kind: 'trigger', start: ev.trigger.start, end: ev.trigger.end });
    }
    $('#evidence-title').textContent = s.title || s.id;
    box.replaceChildren(
      el('p', { class: 'muted', text: [s.date, s.dateline, s.publisher, `${s.events.length} events`].filter(Boolean).join(' · ') }),
      el('div', { class: 'story-text' }, ...highlight(s.text, spans)));
    box.dataset.state = 'story';
    panel.scrollIntoView({ block: 'nearest' });
  } catch (err) { showError(box, err); }
}

async function searchStories(q) {
  const panel = $('#stories-panel');
  const list = $('#stories');
  panel.hidden = false;
  list.dataset.state = 'loading';
  try {
    const res = await api('/api/stories?' + new URLSearchParams({ q, limit: 20 }));
    list.replaceChildren(...res.stories.map((s) => el('li', {},
      el('a', { href: '#', text: s.title || s.id, onclick: (e) => { e.preventDefault(); openStory(s.id); } }),
      el('span', { class: 'muted', text: ` ${s.date || ''} · ${s.events} events` }),
      el('div', {}, ...s.snippet.map((p) => (p.hit ? el('mark', { class: 'hit', text: p.text }) : document.createTextNode(p.text)))))));
    if (!res.stories.length) list.replaceChildren(el('li', { class: 'muted', text: 'no story matches' }));
    list.dataset.state = 'ready';
  } catch (err) { showError(list, err); list.dataset.state = 'error'; }
}

let summary = null;
async function drawSummary() {
  try {
    const s = await api('/api/stats/summary');
    summary = s;
    $('#summary').textContent = `${s.stories} stories, ${s.events} events${s.first_date ? `, ${s.first_date} to ${s.last_date}` : ''}`;
  } catch (err) { $('#summary').textContent = String(err.message); }
}

function refresh(f) {
  fillForm(f);
  nextCursor = null;
  return Promise.all([drawTimeseries(f), drawMap(f), drawNetwork(f), drawTable(f, false)]);
}

setupForm();
$('#more').addEventListener('click', () => drawTable(readFilters(), true));
drawSummary().then(() => refresh(readFilters()));
