// The page of `annalist serve`: a dyad timeline (ECharts), the actor network (Cytoscape.js),
// full-text search, and an event list whose events open their sentence in its article. Every
// value from the server is put into the page as text (textContent), never as HTML.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import cytoscape from 'cytoscape';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent,
  MarkLineComponent, SVGRenderer]);

const $ = (id) => document.getElementById(id);
const QUADS = ['unclassed', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
const QUAD_COLOURS = ['#999999', '#9ecf8f', '#2e8b3e', '#f4a259', '#c0392b'];
const state = { chart: null, cy: null, dyad: null, listRequest: 0 };
window.annalist = state; // for the browser tests and the curious

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 6000);
}

async function api(name, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, v);
  const response = await fetch(`api/${name}?${query}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

// ---- events --------------------------------------------------------------------------------

async function listEvents(title, params, scroll = true) {
  $('events-title').textContent = title;
  const tbody = $('events').querySelector('tbody');
  tbody.replaceChildren();
  const request = ++state.listRequest; // a later click wins over an answer still on its way
  let data;
  try {
    data = await api('events', { limit: 500, ...params });
  } catch (e) { showError(e.message); return; }
  if (request !== state.listRequest) return;
  for (const ev of data.events) {
    const tr = el('tr');
    tr.className = 'event-row';
    tr.dataset.id = ev.id;
    for (const v of [ev.date, ev.source_id || ev.source, ev.code, ev.target_id || ev.target,
      ev.goldstein.toFixed(1), ev.outlet || '', ev.sentence]) tr.append(el('td', v));
    tr.addEventListener('click', () => {
      tbody.querySelectorAll('tr.selected').forEach((r) => r.classList.remove('selected'));
      tr.classList.add('selected');
      openEvent(ev.id);
    });
    tbody.append(tr);
  }
  if (data.events.length === 0) {
    const tr = el('tr');
    tr.append(el('td', 'no events'));
    tbody.append(tr);
  }
  if (scroll) $('events-panel').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

async function openEvent(id) {
  let ev;
  try { ev = await api('event', { id }); } catch (e) { showError(e.message); return; }
  const panel = $('event-detail');
  panel.hidden = false;
  $('detail-title').textContent = `#${ev.id}: ${ev.source_id || ev.source} ${ev.code} ${ev.target_id || ev.target}`;
  const a = ev.article;
  $('detail-meta').textContent = [a.outlet || 'unknown outlet', a.date || ev.date || 'undated', a.title || '',
    `article ${a.id}`, a.path ? `${a.path}${ev.file_offset !== null ? ` @ byte ${ev.file_offset}` : ''}` : '',
    `quad class ${ev.quad_class} (${QUADS[ev.quad_class] || ''}), Goldstein ${ev.goldstein}`]
    .filter(Boolean).join(' · ');
  const sentence = $('detail-sentence');
  sentence.replaceChildren();
  for (const part of ev.sentence_parts) {
    const span = el('span', part.text, part.role ? `role-${part.role}` : undefined);
    if (part.role) span.title = part.role;
    sentence.append(span);
  }
  const article = $('detail-article');
  article.replaceChildren(document.createTextNode(ev.before), el('mark', ev.in_article),
    document.createTextNode(ev.after));
  panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
  const mark = article.querySelector('mark');
  article.scrollTop = Math.max(0, mark.offsetTop - article.offsetTop - 60);
}

// A sentence (a search hit) in its article, with links to the events coded from it.
async function openSentence(id) {
  let s;
  try { s = await api('sentence', { id }); } catch (e) { showError(e.message); return; }
  $('event-detail').hidden = false;
  $('detail-title').textContent = `sentence ${s.sentence_id} (no. ${s.index + 1} of its article)`;
  const a = s.article;
  $('detail-meta').textContent = [a.outlet || 'unknown outlet', a.date || 'undated', a.title || '',
    `article ${a.id}`, a.path ? `${a.path}${s.file_offset !== null ? ` @ byte ${s.file_offset}` : ''}` : '']
    .filter(Boolean).join(' · ');
  const sentence = $('detail-sentence');
  sentence.replaceChildren(document.createTextNode(s.event_ids.length ? 'Events coded from it: ' : 'No event coded from it.'));
  for (const eventId of s.event_ids) {
    const link = el('button', `#${eventId}`, 'event-link');
    link.type = 'button';
    link.addEventListener('click', () => openEvent(eventId));
    sentence.append(link, document.createTextNode(' '));
  }
  const article = $('detail-article');
  article.replaceChildren(document.createTextNode(s.before), el('mark', s.in_article), document.createTextNode(s.after));
  $('event-detail').scrollIntoView({ behavior: 'smooth', block: 'start' });
  const mark = article.querySelector('mark');
  article.scrollTop = Math.max(0, mark.offsetTop - article.offsetTop - 60);
}

// ---- the dyad timeline ---------------------------------------------------------------------

// The period the API gives events with no date; its column comes last, after an empty one, so
// that the time axis runs unbroken and the undated bar is not read as a period.
const UNDATED = 'undated';

// Months and years between the first and the last with data, so that quiet periods show as gaps.
function fillPeriods(periods, by) {
  if (periods.length < 2 || (by !== 'month' && by !== 'year')) return periods;
  const all = [];
  let [y, m] = periods[0].split('-').map(Number);
  const last = periods[periods.length - 1];
  for (let i = 0; i < 5000; i++) {
    const p = by === 'year' ? String(y).padStart(4, '0') : `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    all.push(p);
    if (p >= last) break;
    if (by === 'year') y++; else if (m === 12) { y++; m = 1; } else m++;
  }
  return all;
}

function dyadOption(data) {
  const seen = [...new Set(data.rows.map((r) => r.period))];
  const periods = fillPeriods(seen.filter((p) => p !== UNDATED).sort(), data.by);
  if (seen.includes(UNDATED)) periods.push(...(periods.length ? [''] : []), UNDATED);
  const sums = periods.map(() => [0, 0, 0, 0, 0]);
  for (const r of data.rows) r.quad.forEach((n, q) => { sums[periods.indexOf(r.period)][q] += n; });
  const series = [1, 2, 3, 4].map((q) => ({
    name: QUADS[q], type: 'bar', stack: q <= 2 ? 'cooperation' : 'conflict',
    itemStyle: { color: QUAD_COLOURS[q] },
    data: sums.map((s) => (q <= 2 ? s[q] : -s[q])),
  }));
  const undated = periods.indexOf(UNDATED);
  if (undated > 0) { // a dashed line through the empty column sets the undated one apart
    series[0].markLine = { silent: true, symbol: 'none', label: { show: false }, animation: false,
      lineStyle: { type: 'dashed', color: '#999' }, data: [{ xAxis: undated - 1 }] };
  }
  const directions = data.directed ? ['A->B', 'B->A'] : ['both'];
  for (const dir of directions) {
    const label = dir === 'both' ? `${data.a}–${data.b}` : dir === 'A->B' ? `${data.a}→${data.b}` : `${data.b}→${data.a}`;
    const means = periods.map((p) => {
      const row = data.rows.find((r) => r.period === p && r.direction === dir);
      return row ? Number(row.goldstein_mean.toFixed(2)) : null;
    });
    const name = `mean Goldstein ${label}`;
    const itemStyle = { color: '#1f4e9c' };
    series.push({
      name, type: 'line', yAxisIndex: 1, connectNulls: true, itemStyle,
      lineStyle: { type: dir === 'B->A' ? 'dashed' : 'solid', color: '#1f4e9c' },
      data: means.map((m, i) => (i === undated ? null : m)),
    });
    // the undated mean is a point of its own: a line to it would draw a trend that is not there
    if (undated >= 0 && means[undated] !== null) {
      series.push({ name, type: 'scatter', yAxisIndex: 1, itemStyle, symbolSize: 8,
        data: means.map((m, i) => (i === undated ? m : null)) });
    }
  }
  // The count axis is symmetric so that its zero lines up with Goldstein's.
  const most = Math.max(1, ...sums.map((s) => Math.max(s[1] + s[2], s[3] + s[4])));
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null ? '' : Math.abs(v)) },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 50, right: 50, top: 64, bottom: 60 },
    xAxis: { type: 'category', data: periods, axisLabel: { rotate: 45 } },
    yAxis: [
      { type: 'value', name: 'events', min: -most, max: most, axisLabel: { formatter: (v) => Math.abs(v) } },
      { type: 'value', name: 'Goldstein', min: -10, max: 10 },
    ],
    series,
  };
}

async function drawDyad(event) {
  if (event) event.preventDefault();
  const params = { a: $('dyad-a').value.trim(), b: $('dyad-b').value.trim(), by: $('dyad-by').value,
    directed: $('dyad-directed').checked ? 1 : 0 };
  let data;
  try { data = await api('dyad', params); } catch (e) { showError(e.message); return; }
  state.dyad = data;
  const total = data.rows.reduce((n, r) => n + r.events, 0);
  const dated = new Set(data.rows.map((r) => r.period).filter((p) => p !== UNDATED)).size;
  const undated = data.rows.filter((r) => r.period === UNDATED).reduce((n, r) => n + r.events, 0);
  $('dyad-summary').textContent = `${data.a} – ${data.b}: ${total} events in ${dated} ${data.by}s` +
    (undated ? ` (${undated} of them undated, in the last column)` : '');
  if (!state.chart) {
    state.chart = echarts.init($('dyad-chart'), null, { renderer: 'svg' });
    state.chart.on('click', (p) => {
      const d = state.dyad;
      listEvents(`${d.a} – ${d.b}, ${p.name}`, { actor: d.a, other: d.b, by: d.by, period: p.name });
    });
  }
  state.chart.setOption(dyadOption(data), true);
  $('dyad-chart').dataset.rows = String(data.rows.length);
}

// ---- the network ---------------------------------------------------------------------------

async function drawNetwork(event) {
  if (event) event.preventDefault();
  let data;
  try {
    data = await api('network', { since: $('network-since').value, until: $('network-until').value,
      min_events: $('network-min').value || 1 });
  } catch (e) { showError(e.message); return; }
  $('network-summary').textContent = `${data.nodes.length} actors (of ${data.total_nodes}), ${data.edges.length} edges`;
  const maxEvents = Math.max(1, ...data.nodes.map((n) => n.events));
  const maxEdge = Math.max(1, ...data.edges.map((e) => e.events));
  const elements = [
    ...data.nodes.map((n) => ({ data: { id: n.id, label: n.id, events: n.events,
      size: 14 + 36 * Math.sqrt(n.events / maxEvents) } })),
    ...data.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, events: e.events,
      width: 1 + 6 * Math.sqrt(e.events / maxEdge),
      colour: e.conflict > e.cooperation ? '#c0392b' : e.cooperation > e.conflict ? '#2e8b3e' : '#888' } })),
  ];
  if (state.cy) state.cy.destroy();
  state.cy = cytoscape({
    container: $('network'),
    elements,
    style: [
      { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)',
        'background-color': '#4a78b5', 'font-size': 11, 'text-valign': 'top', 'text-margin-y': -3,
        'z-index-compare': 'manual', 'z-index': 10 } }, // actors above the edges, so that they can be clicked
      { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(colour)', 'curve-style': 'bezier',
        'target-arrow-shape': 'triangle', 'target-arrow-color': 'data(colour)', opacity: 0.75,
        'z-index-compare': 'manual', 'z-index': 1 } },
      { selector: ':selected', style: { 'background-color': '#f39c12', 'line-color': '#f39c12' } },
    ],
    layout: { name: 'cose', animate: false, randomize: false, fit: true, padding: 30, nodeOverlap: 20,
      nodeRepulsion: () => 80000, idealEdgeLength: () => 90 },
    wheelSensitivity: 0.3,
  });
  state.cy.on('tap', 'node', (e) => {
    const id = e.target.id();
    listEvents(`involving ${id}`, { actor: id, by_key: 1 });
  });
  state.cy.on('tap', 'edge', (e) => {
    const d = e.target.data();
    listEvents(`${d.source} → ${d.target}`, { actor: d.source, other: d.target, one_way: 1, by_key: 1 });
  });
  $('network').dataset.nodes = String(data.nodes.length);
}

// ---- search --------------------------------------------------------------------------------

async function search(event) {
  if (event) event.preventDefault();
  const q = $('search-q').value.trim();
  if (!q) return;
  let data;
  try { data = await api('search', { q, limit: 50 }); } catch (e) { showError(e.message); return; }
  const list = $('search-results');
  list.replaceChildren();
  for (const hit of data.hits) {
    const li = el('li');
    li.className = 'search-hit';
    li.title = 'open in its article';
    li.addEventListener('click', () => openSentence(hit.sentence_id));
    for (const part of hit.parts) li.append(part.match ? el('mark', part.text) : document.createTextNode(part.text));
    li.append(el('div', [hit.outlet || 'unknown outlet', hit.date || 'undated', hit.title || ''].filter(Boolean).join(' · '), 'muted'));
    list.append(li);
  }
  if (data.hits.length === 0) list.append(el('li', 'no sentence matches'));
}

// ---- start ---------------------------------------------------------------------------------

async function start() {
  $('dyad-form').addEventListener('submit', drawDyad);
  $('network-form').addEventListener('submit', drawNetwork);
  $('search-form').addEventListener('submit', search);
  try {
    const s = await api('stats');
    $('stats').textContent = `${s.articles} articles, ${s.sentences} sentences, ${s.events} events, ${s.first_date || '?'} to ${s.last_date || '?'}`;
    const actors = await api('actors', { limit: 300 });
    const list = $('actor-list');
    for (const a of actors.actors) {
      const option = el('option');
      option.value = a.id || a.code;
      option.label = `${a.name || ''} (${a.events} events)`;
      list.append(option);
    }
    if (actors.actors.length >= 2 && !$('dyad-a').value) {
      $('dyad-a').value = actors.actors[0].id || actors.actors[0].code;
      $('dyad-b').value = actors.actors[1].id || actors.actors[1].code;
    }
    await drawNetwork();
    await listEvents('all, by date (first 100)', { limit: 100 }, false);
    document.body.dataset.ready = '1';
  } catch (e) { showError(e.message); }
}

start();
