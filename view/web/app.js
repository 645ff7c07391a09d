// kg view: the page's own script. It reads the graph from the JSON block
// #kg-data, draws it with Cytoscape.js at the positions kg computed, and
// wires the search box, the filters and the side panel.
//
// Safety: every string of the graph enters the document as text
// (Node.append of a string, textContent), never as markup; links are made
// only of http(s) URLs.
(function () {
  'use strict';

  const D = JSON.parse(document.getElementById('kg-data').textContent);
  const S = D.strings;
  const LABELS = D.labels;
  const TYPES = D.types;
  const ST = D.style;
  const N = D.nodes.length;
  const E = D.edges.length;
  const FONT = '"Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans", "Helvetica Neue", Arial, sans-serif';
  const LIST_MAX = 60; // relationships listed per type before "more"

  // ---- the data ----------------------------------------------------------

  // key is the string index of a property name (-1: no property has it).
  const keyAt = new Map();
  function key(name) {
    if (!keyAt.has(name)) keyAt.set(name, S.indexOf(name));
    return keyAt.get(name);
  }
  function value(v) {
    if (typeof v === 'number') return S[v];
    if (Array.isArray(v)) return v.map((i) => S[i]);
    return v.v;
  }
  // prop returns property name of a props list, or undefined.
  function prop(flat, name) {
    const k = key(name);
    if (k < 0) return undefined;
    for (let i = 0; i < flat.length; i += 2) if (flat[i] === k) return value(flat[i + 1]);
    return undefined;
  }
  function strs(v) {
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v.map(String) : [String(v)];
  }
  function propsOf(flat) {
    const out = [];
    for (let i = 0; i < flat.length; i += 2) out.push([S[flat[i]], value(flat[i + 1])]);
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out;
  }

  const nodeId = new Array(N);
  const nodeLabel = new Array(N); // the label that styles it, or ''
  const nodeLabels = new Array(N);
  const nodeFlat = new Array(N);
  const nodeAt = new Map();
  for (let i = 0; i < N; i++) {
    const n = D.nodes[i];
    nodeId[i] = S[n[0]];
    nodeLabels[i] = n[1].map((k) => LABELS[k]);
    nodeLabel[i] = nodeLabels[i][0] || '';
    nodeFlat[i] = n[4];
    nodeAt.set(nodeId[i], i);
  }
  const edgeId = new Array(E);
  const edgeType = new Array(E);
  const edgeS = new Int32Array(E);
  const edgeT = new Int32Array(E);
  const edgeFlat = new Array(E);
  const edgeAt = new Map();
  const incident = Array.from({ length: N }, () => []);
  for (let j = 0; j < E; j++) {
    const e = D.edges[j];
    edgeId[j] = S[e[0]];
    edgeType[j] = TYPES[e[1]];
    edgeS[j] = e[2];
    edgeT[j] = e[3];
    edgeFlat[j] = e[4];
    edgeAt.set(edgeId[j], j);
    incident[e[2]].push(j);
    if (e[3] !== e[2]) incident[e[3]].push(j);
  }

  function labelStyle(label) {
    return ST.labels.find((s) => s.label === label) || ST.node;
  }
  function typeStyle(type) {
    return ST.types.find((s) => s.type === type) || ST.rel;
  }
  // caption fills a GraSS caption: {property}, <type>, <id>.
  function caption(tpl, flat, type, id) {
    const s = tpl.replace(/\{([^}]*)\}|<(type|id)>/g, (_, p, t) => {
      if (t === 'type') return type;
      if (t === 'id') return id;
      return strs(prop(flat, p)).join(', ');
    });
    return s.replace(/\s+/g, ' ').trim();
  }
  function nodeName(i) {
    return String(prop(nodeFlat[i], 'name') || nodeId[i]);
  }
  function nodeCaption(i) {
    return caption(labelStyle(nodeLabel[i]).caption, nodeFlat[i], '', nodeId[i]) || nodeName(i);
  }
  function edgeCaption(j) {
    return caption(typeStyle(edgeType[j]).caption, edgeFlat[j], edgeType[j], edgeId[j]);
  }

  // ---- dates ---------------------------------------------------------------

  const day = (s) => String(s).slice(0, 10);
  const docDate = new Map(); // document id -> publication date
  for (let i = 0; i < N; i++) {
    if (nodeLabel[i] !== 'Document') continue;
    const pub = prop(nodeFlat[i], 'published');
    if (!pub) continue;
    if (nodeId[i].startsWith('doc:')) docDate.set(nodeId[i].slice(4), day(pub));
    for (const d of strs(prop(nodeFlat[i], 'documents'))) docDate.set(d, day(pub));
  }
  function docDates(flat) {
    const out = [];
    for (const d of strs(prop(flat, 'documents'))) if (docDate.has(d)) out.push(docDate.get(d));
    return out;
  }
  const nodeDates = new Array(N);
  const edgeDates = new Array(E);
  for (let i = 0; i < N; i++) {
    const l = nodeLabel[i];
    if (l === 'Meeting' && prop(nodeFlat[i], 'date')) nodeDates[i] = [day(prop(nodeFlat[i], 'date'))];
    else if (l === 'Document' && prop(nodeFlat[i], 'published')) nodeDates[i] = [day(prop(nodeFlat[i], 'published'))];
    else nodeDates[i] = docDates(nodeFlat[i]);
  }
  const meetingDate = (i) => (nodeLabel[i] === 'Meeting' && prop(nodeFlat[i], 'date') ? day(prop(nodeFlat[i], 'date')) : '');
  for (let j = 0; j < E; j++) {
    const f = edgeFlat[j];
    const m = prop(f, 'meeting');
    let d = prop(f, 'date') ? day(prop(f, 'date')) : '';
    if (!d) d = meetingDate(edgeT[j]) || meetingDate(edgeS[j]);
    if (!d && m && nodeAt.has(String(m))) d = meetingDate(nodeAt.get(String(m)));
    edgeDates[j] = d ? [d] : docDates(f);
  }
  // people and organizations also count by their relationships' dates
  for (let i = 0; i < N; i++) {
    const l = nodeLabel[i];
    if (l === 'Meeting' || l === 'Document') continue;
    const set = new Set(nodeDates[i]);
    for (const j of incident[i]) if (edgeType[j] !== 'MENTIONS') for (const d of edgeDates[j]) set.add(d);
    nodeDates[i] = Array.from(set).sort();
  }
  // a date of fewer parts ("2025-02") covers its whole month or year
  function inRange(dates, from, to) {
    if (!from && !to) return true;
    for (const d of dates) {
      const lo = (d + '-01-01').slice(0, 10);
      const hi = (d + '-12-31').slice(0, 10);
      if ((!from || hi >= from) && (!to || lo <= to)) return true;
    }
    return false;
  }
  let minDate = '', maxDate = '';
  for (const ds of nodeDates.concat(edgeDates)) {
    for (const d of ds) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) continue;
      if (!minDate || d < minDate) minDate = d;
      if (!maxDate || d > maxDate) maxDate = d;
    }
  }

  // ---- search --------------------------------------------------------------

  const norm = (s) => String(s).normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');
  const squeeze = (s) => s.replace(/[\s\-‐-―.·・]/g, '');
  const searchKeys = new Array(N); // [normalized, squeezed, original]
  for (let i = 0; i < N; i++) {
    const seen = new Set();
    const keys = [];
    const add = (s) => {
      if (s === undefined || s === null || s === '') return;
      const n = norm(s);
      if (!n || seen.has(n)) return;
      seen.add(n);
      keys.push([n, squeeze(n), String(s)]);
    };
    add(prop(nodeFlat[i], 'name'));
    for (const k of ['aliases', 'name_en', 'name_ko', 'title']) for (const s of strs(prop(nodeFlat[i], k))) add(s);
    add(nodeId[i]);
    searchKeys[i] = keys;
  }
  // search returns the best matches of q: a whole name or alias first,
  // then one that starts with q, then one that holds it; people before
  // organizations, meetings and documents; then by name.
  function search(q, limit) {
    const n = norm(q);
    if (!n) return [];
    const sq = squeeze(n);
    const out = [];
    for (let i = 0; i < N; i++) {
      let best = 99, via = '';
      for (const [k, ks, orig] of searchKeys[i]) {
        let r = 99;
        if (k === n) r = 0;
        else if (sq && ks === sq) r = 1;
        else if (k.startsWith(n)) r = 2;
        else if (k.includes(' ' + n) || k.includes('-' + n)) r = 3;
        else if (k.includes(n)) r = 4;
        else if (sq && ks.includes(sq)) r = 5;
        if (r < best) { best = r; via = orig; }
      }
      if (best < 99) out.push({ i, rank: best, via });
    }
    const lo = (i) => { const k = LABELS.indexOf(nodeLabel[i]); return k < 0 ? 9 : k; };
    out.sort((a, b) => a.rank - b.rank || (hiddenNode[a.i] - hiddenNode[b.i]) || lo(a.i) - lo(b.i) ||
      (nodeName(a.i) < nodeName(b.i) ? -1 : nodeName(a.i) > nodeName(b.i) ? 1 : a.i - b.i));
    return out.slice(0, limit);
  }

  // ---- drawing ---------------------------------------------------------------

  // What shows at first: everything but documents (and their MENTIONS);
  // on a graph so large that Cytoscape would take long to draw it all,
  // not the meetings either (the MET relationships carry their dates,
  // places and evidence).
  const labelOn = {};
  const typeOn = {};
  for (const l of LABELS) labelOn[l] = l !== 'Document';
  for (const t of TYPES) typeOn[t] = true;
  const startCount = () => {
    let n = 0;
    const on = (i) => nodeLabels[i].some((l) => labelOn[l]);
    for (let i = 0; i < N; i++) if (on(i)) n++;
    for (let j = 0; j < E; j++) if (on(edgeS[j]) && on(edgeT[j])) n++;
    return n;
  };
  let shownAtStart = startCount();
  const HUGE = 12000; // elements
  const huge = shownAtStart > HUGE;
  if (huge) { labelOn.Meeting = false; shownAtStart = startCount(); }
  // big: straight edges without arrows, named only around the selection
  const big = shownAtStart > 5000;
  const cyStyle = [
    {
      selector: 'node', style: {
        width: ST.node.diameter, height: ST.node.diameter,
        'background-color': ST.node.color, 'border-color': ST.node.border, 'border-width': ST.borderWidth,
        label: 'data(cap)', color: ST.node.text, 'font-size': ST.nodeFontSize, 'font-family': FONT,
        'text-valign': 'center', 'text-halign': 'center', 'text-wrap': 'wrap',
        'text-max-width': ST.node.diameter - 8, 'min-zoomed-font-size': big ? 7 : 0,
      },
    },
  ];
  for (const s of ST.labels) {
    cyStyle.push({
      selector: 'node.' + s.label, style: {
        width: s.diameter, height: s.diameter, 'background-color': s.color, 'border-color': s.border,
        color: s.text, 'text-max-width': s.diameter - 8,
      },
    });
  }
  // Every property a selector sets costs time for every element it
  // matches: a large graph's edges get only their line, straight
  // (haystack), and their caption and arrow only around the selection.
  const edgeText = {
    label: 'data(cap)', 'font-size': ST.relFontSize, 'font-family': FONT, color: ST.relText,
    'text-rotation': 'autorotate', 'text-background-color': '#FFFFFF', 'text-background-opacity': 0.85,
    'text-background-padding': ST.relPadding, 'min-zoomed-font-size': 0, 'text-events': 'no',
  };
  const arrow = (s) => ({ 'target-arrow-color': s.color, 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8 });
  cyStyle.push({
    selector: 'edge', style: Object.assign({ width: ST.rel.width, 'line-color': ST.rel.color, 'curve-style': big ? 'haystack' : 'bezier' },
      big ? {} : Object.assign(arrow(ST.rel), edgeText)),
  });
  for (const s of ST.types) {
    cyStyle.push({ selector: 'edge.' + s.type, style: Object.assign({ width: s.width, 'line-color': s.color }, big ? {} : { 'target-arrow-color': s.color }) });
  }
  if (big) cyStyle.push({ selector: 'edge.hl', style: edgeText });
  // MET and PARTNERS_WITH go both ways
  if (!big) cyStyle.push({ selector: 'edge.MET, edge.PARTNERS_WITH', style: { 'target-arrow-shape': 'none' } });
  cyStyle.push(
    { selector: '.hidden', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.14, 'text-opacity': 0 } },
    { selector: 'node:selected, node.anchor', style: { 'underlay-color': '#6AC6FF', 'underlay-opacity': 0.7, 'underlay-padding': 7, 'underlay-shape': 'ellipse' } },
    { selector: 'edge:selected', style: { 'underlay-color': '#6AC6FF', 'underlay-opacity': 0.7, 'underlay-padding': 5 } },
    { selector: 'node.hl', style: { 'z-index': 10 } },
  );

  // Elements go into Cytoscape when they are first shown (documents and
  // their MENTIONS, the bulk of a corpus, only when asked for); a shown
  // element that a filter hides gets the class hidden.
  const nodeIn = new Uint8Array(N);
  const edgeIn = new Uint8Array(E);
  const nodeDef = (i) => ({
    group: 'nodes', data: { id: 'n' + i, cap: nodeCaption(i) },
    position: { x: D.nodes[i][2], y: D.nodes[i][3] }, classes: nodeLabel[i],
  });
  const edgeDef = (j) => ({
    group: 'edges', data: { id: 'e' + j, source: 'n' + edgeS[j], target: 'n' + edgeT[j], cap: edgeCaption(j) }, classes: edgeType[j],
  });

  const hiddenNode = new Uint8Array(N);
  const hiddenEdge = new Uint8Array(E);
  const els = [];
  for (let i = 0; i < N; i++) {
    if (!nodeLabels[i].some((l) => labelOn[l])) hiddenNode[i] = 1;
    else { els.push(nodeDef(i)); nodeIn[i] = 1; }
  }
  for (let j = 0; j < E; j++) {
    if (hiddenNode[edgeS[j]] || hiddenNode[edgeT[j]]) hiddenEdge[j] = 1;
    else { els.push(edgeDef(j)); edgeIn[j] = 1; }
  }

  const cy = cytoscape({
    container: document.getElementById('kg-graph'),
    elements: els,
    style: cyStyle,
    layout: { name: 'preset', fit: false },
    minZoom: 0.01, maxZoom: 4,
    selectionType: 'single', boxSelectionEnabled: false,
    textureOnViewport: big, hideEdgesOnViewport: big, motionBlur: false,
    pixelRatio: big ? 1 : 'auto',
  });
  const nodeEl = (i) => cy.getElementById('n' + i);
  const edgeEl = (j) => cy.getElementById('e' + j);
  const visibleEls = () => cy.elements().not('.hidden');
  // fit shows every visible node: from the positions, which is much
  // faster on a large graph than Cytoscape's bounding boxes (they measure
  // every label)
  function fit() {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < N; i++) {
      if (hiddenNode[i]) continue;
      const p = nodeIn[i] ? nodeEl(i).position() : { x: D.nodes[i][2], y: D.nodes[i][3] };
      const r = labelStyle(nodeLabel[i]).diameter / 2 + 4;
      x0 = Math.min(x0, p.x - r); y0 = Math.min(y0, p.y - r);
      x1 = Math.max(x1, p.x + r); y1 = Math.max(y1, p.y + r);
    }
    if (x0 === Infinity) return;
    const pad = 30, w = cy.width(), hh = cy.height();
    const z = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min((w - 2 * pad) / (x1 - x0), (hh - 2 * pad) / (y1 - y0))));
    cy.viewport({ zoom: z, pan: { x: w / 2 - z * (x0 + x1) / 2, y: hh / 2 - z * (y0 + y1) / 2 } });
  }
  fit();

  // ---- the DOM -------------------------------------------------------------

  // h makes an element: attrs are properties (className, type, title ...)
  // or data-* attributes, on* a click handler; kids are elements or
  // strings, and strings become text.
  function h(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'onclick') e.addEventListener('click', v);
      else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role') e.setAttribute(k, String(v));
      else e[k] = v;
    }
    for (const kid of kids.flat()) if (kid !== undefined && kid !== null && kid !== false) e.append(kid);
    return e;
  }
  function swatch(label) {
    const s = labelStyle(label);
    const e = h('span', { className: 'kg-swatch' });
    e.style.backgroundColor = s.color;
    e.style.borderColor = s.border;
    return e;
  }
  function line(type) {
    const e = h('span', { className: 'kg-line' });
    e.style.borderTopColor = typeStyle(type).color;
    return e;
  }
  function link(text, onclick, attrs) {
    return h('button', Object.assign({ type: 'button', className: 'kg-link', onclick }, attrs || {}), text);
  }
  function nodeLink(i) {
    return link(nodeName(i), () => focusNode(i, true), { 'data-kg-node': nodeId[i], title: nodeId[i] });
  }
  function urlLink(u) {
    if (!/^https?:\/\//i.test(u)) return h('span', {}, u);
    return h('a', { href: u, target: '_blank', rel: 'noopener noreferrer' }, u);
  }

  const panel = document.getElementById('kg-panel');
  const status = document.getElementById('kg-status');
  function show(...kids) {
    panel.replaceChildren(...kids.flat().filter(Boolean));
    panel.scrollTop = 0;
  }

  // ---- filters ---------------------------------------------------------------

  const countLabels = {}, countTypes = {};
  for (let i = 0; i < N; i++) for (const l of nodeLabels[i]) countLabels[l] = (countLabels[l] || 0) + 1;
  for (let j = 0; j < E; j++) countTypes[edgeType[j]] = (countTypes[edgeType[j]] || 0) + 1;
  const fmt = (n) => n.toLocaleString('en-US');

  const labelBox = document.getElementById('kg-labels');
  for (const l of LABELS) {
    const cb = h('input', { type: 'checkbox', id: 'kg-label-' + l, checked: labelOn[l] });
    cb.addEventListener('change', () => { labelOn[l] = cb.checked; applyFilters(); });
    labelBox.append(h('label', {}, cb, swatch(l), l, h('span', { className: 'kg-count' }, fmt(countLabels[l] || 0))));
  }
  const typeBox = document.getElementById('kg-types');
  for (const t of TYPES) {
    const cb = h('input', { type: 'checkbox', id: 'kg-type-' + t, checked: typeOn[t] });
    cb.addEventListener('change', () => { typeOn[t] = cb.checked; applyFilters(); });
    typeBox.append(h('label', {}, cb, line(t), t, h('span', { className: 'kg-count' }, fmt(countTypes[t] || 0))));
  }
  const fromBox = document.getElementById('kg-from');
  const toBox = document.getElementById('kg-to');
  for (const b of [fromBox, toBox]) {
    if (minDate) { b.min = minDate; b.max = maxDate; }
    b.addEventListener('change', applyFilters);
    b.addEventListener('input', applyFilters);
  }
  document.getElementById('kg-dates-clear').addEventListener('click', () => { fromBox.value = ''; toBox.value = ''; applyFilters(); });

  let shown = { nodes: 0, rels: 0 };
  function applyFilters() {
    const from = fromBox.value, to = toBox.value;
    const addN = [], delN = [], addE = [], delE = [];
    for (let i = 0; i < N; i++) {
      const hide = !nodeLabels[i].some((l) => labelOn[l]) || !inRange(nodeDates[i], from, to) ? 1 : 0;
      if (hide !== hiddenNode[i]) { hiddenNode[i] = hide; (hide ? addN : delN).push(i); }
    }
    for (let j = 0; j < E; j++) {
      const hide = !typeOn[edgeType[j]] || hiddenNode[edgeS[j]] || hiddenNode[edgeT[j]] || !inRange(edgeDates[j], from, to) ? 1 : 0;
      if (hide !== hiddenEdge[j]) { hiddenEdge[j] = hide; (hide ? addE : delE).push(j); }
    }
    const add = [];
    for (const i of delN) if (!nodeIn[i]) { nodeIn[i] = 1; add.push(nodeDef(i)); }
    for (const j of delE) if (!edgeIn[j]) { edgeIn[j] = 1; add.push(edgeDef(j)); }
    cy.batch(() => {
      for (const i of addN) nodeEl(i).addClass('hidden');
      for (const i of delN) nodeEl(i).removeClass('hidden');
      for (const j of addE) if (edgeIn[j]) edgeEl(j).addClass('hidden');
      for (const j of delE) edgeEl(j).removeClass('hidden');
      if (add.length) cy.add(add);
    });
    updateStatus();
    if (focus) refocus();
  }
  function updateStatus() {
    let n = 0, r = 0;
    for (let i = 0; i < N; i++) n += hiddenNode[i] ? 0 : 1;
    for (let j = 0; j < E; j++) r += hiddenEdge[j] ? 0 : 1;
    shown = { nodes: n, rels: r };
    const num = (id, v) => h('span', { id }, fmt(v));
    status.replaceChildren('Showing ', num('kg-shown-nodes', n), ' of ', fmt(N), ' nodes and ', num('kg-shown-rels', r), ' of ',
      fmt(E), ' relationships; hidden: ', num('kg-hidden-nodes', N - n), ' nodes, ', num('kg-hidden-rels', E - r), ' relationships.');
  }

  // ---- focus: a selected node or relationship --------------------------------

  let focus = null; // {node: i} or {edge: j}

  function highlight(keep) {
    cy.batch(() => {
      cy.elements('.hl').removeClass('hl');
      cy.elements('.faded').removeClass('faded');
      if (keep) {
        keep.addClass('hl');
        visibleEls().not(keep).addClass('faded');
      }
    });
  }
  function neighbourhood(i) {
    let c = nodeEl(i);
    for (const j of incident[i]) {
      if (hiddenEdge[j]) continue;
      c = c.union(edgeEl(j)).union(nodeEl(edgeS[j] === i ? edgeT[j] : edgeS[j]));
    }
    return c;
  }
  // centre puts node i in the middle at a zoom that shows its neighbours.
  function centre(i) {
    const p = nodeEl(i).position();
    let dx = 80, dy = 80;
    for (const j of incident[i]) {
      if (hiddenEdge[j]) continue;
      const o = nodeEl(edgeS[j] === i ? edgeT[j] : edgeS[j]);
      const q = o.position();
      dx = Math.max(dx, Math.abs(q.x - p.x) + o.width() / 2 + 20);
      dy = Math.max(dy, Math.abs(q.y - p.y) + o.height() / 2 + 20);
    }
    const z = Math.min(1.6, Math.max(0.2, Math.min(cy.width() / (2 * dx), cy.height() / (2 * dy))));
    cy.viewport({ zoom: z, pan: { x: cy.width() / 2 - p.x * z, y: cy.height() / 2 - p.y * z } });
  }
  function focusNode(i, move) {
    focus = { node: i };
    cy.elements(':selected').unselect();
    cy.elements('.anchor').removeClass('anchor');
    if (!hiddenNode[i]) {
      nodeEl(i).select();
      highlight(neighbourhood(i));
      if (move) centre(i);
    } else {
      highlight(null);
    }
    showNode(i);
  }
  // focusEdge selects relationship j. Picked from a selected node's
  // neighbourhood, it keeps that node (its anchor) and the neighbourhood
  // highlighted.
  function focusEdge(j, move) {
    const ends = (i) => i !== undefined && (edgeS[j] === i || edgeT[j] === i);
    const prev = focus && (focus.node !== undefined ? focus.node : focus.anchor);
    const anchor = ends(prev) && !hiddenNode[prev] ? prev : undefined;
    focus = { edge: j, anchor };
    cy.elements(':selected').unselect();
    cy.elements('.anchor').removeClass('anchor');
    if (!hiddenEdge[j]) {
      const e = edgeEl(j);
      e.select();
      if (anchor !== undefined) {
        nodeEl(anchor).addClass('anchor');
        highlight(neighbourhood(anchor));
      } else {
        highlight(e.union(e.connectedNodes()));
      }
      if (move) cy.center(e);
    } else {
      highlight(null);
    }
    showEdge(j);
  }
  function clearFocus() {
    focus = null;
    cy.elements(':selected').unselect();
    cy.elements('.anchor').removeClass('anchor');
    highlight(null);
    showOverview();
  }
  function refocus() {
    if (focus && focus.node !== undefined) focusNode(focus.node, false);
    else if (focus && focus.edge !== undefined) focusEdge(focus.edge, false);
  }
  cy.on('tap', 'node', (ev) => focusNode(Number(ev.target.id().slice(1)), false));
  cy.on('tap', 'edge', (ev) => focusEdge(Number(ev.target.id().slice(1)), false));
  cy.on('tap', (ev) => { if (ev.target === cy) clearFocus(); });

  // ---- the side panel ----------------------------------------------------------

  const EDGE_LISTS = ['evidence', 'documents', 'rules', 'spans'];

  function propList(flat, skip) {
    const dl = h('dl', { className: 'kg-props' });
    for (const [k, v] of propsOf(flat)) {
      if (skip && skip.includes(k)) continue;
      let dd;
      if (Array.isArray(v)) dd = h('dd', {}, v.length === 1 ? v[0] : h('ul', {}, v.map((s) => h('li', {}, s))));
      else if (k === 'meeting' && nodeAt.has(String(v))) dd = h('dd', {}, nodeLink(nodeAt.get(String(v))));
      else if (k === 'url') dd = h('dd', {}, urlLink(String(v)));
      else dd = h('dd', {}, String(v));
      dl.append(h('dt', {}, k), dd);
    }
    return dl;
  }
  function hiddenNote(hidden) {
    return hidden ? h('p', { className: 'kg-note' }, 'Hidden by the current filters.') : null;
  }

  function showNode(i) {
    const kids = [
      h('div', { className: 'kg-kind' }, swatch(nodeLabel[i]), nodeLabels[i].join(', ') || 'node'),
      h('h2', { id: 'kg-panel-title' }, nodeName(i)),
      h('code', { className: 'kg-id' }, nodeId[i]),
      hiddenNote(hiddenNode[i]),
      h('h3', {}, 'Properties'),
      propList(nodeFlat[i]),
      h('h3', {}, 'Relationships (' + fmt(incident[i].length) + ')'),
    ];
    if (incident[i].length === 0) kids.push(h('p', { className: 'kg-note' }, 'None.'));
    for (const t of TYPES) {
      const js = incident[i].filter((j) => edgeType[j] === t);
      if (js.length === 0) continue;
      const other = (j) => (edgeS[j] === i ? edgeT[j] : edgeS[j]);
      const key = (j) => (edgeDates[j][0] || '') + '\u0000' + nodeName(other(j));
      js.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a - b));
      const distinct = new Set(js.map(other)).size;
      const sec = h('section', { className: 'kg-rels', 'data-kg-type': t },
        h('h4', {}, line(t), ' ', t, ' · ', fmt(js.length), js.length === 1 ? ' relationship' : ' relationships',
          ' with ', fmt(distinct), distinct === 1 ? ' node' : ' nodes'));
      const ul = h('ul', {});
      const row = (j) => {
        const o = other(j);
        const dir = t === 'MET' || t === 'PARTNERS_WITH' ? '—' : edgeS[j] === i ? '→' : '←';
        return h('li', { className: hiddenEdge[j] ? 'kg-hidden' : '', 'data-kg-edge': edgeId[j] },
          h('span', { className: 'kg-dir' }, dir), swatch(nodeLabel[o]), nodeLink(o),
          link(edgeCaption(j) || 'details', () => focusEdge(j, true), { className: 'kg-link kg-cap', title: 'evidence of this ' + t }));
      };
      js.slice(0, LIST_MAX).forEach((j) => ul.append(row(j)));
      if (js.length > LIST_MAX) {
        const more = h('button', { type: 'button', className: 'kg-more' }, 'show ' + fmt(js.length - LIST_MAX) + ' more');
        more.addEventListener('click', () => { js.slice(LIST_MAX).forEach((j) => ul.append(row(j))); more.remove(); });
        sec.append(ul, more);
      } else {
        sec.append(ul);
      }
      kids.push(sec);
    }
    show(kids);
  }

  // marked returns text with the names of nodes ns marked.
  function marked(text, ns) {
    const words = new Set();
    for (const i of ns) {
      for (const k of searchKeys[i]) if (k[2].length >= 2 && !k[2].includes(':')) words.add(k[2]);
    }
    const list = Array.from(words).sort((a, b) => b.length - a.length);
    const out = [];
    let rest = text;
    while (rest) {
      let at = -1, w = '';
      for (const c of list) {
        const k = rest.indexOf(c);
        if (k >= 0 && (at < 0 || k < at || (k === at && c.length > w.length))) { at = k; w = c; }
      }
      if (at < 0) { out.push(rest); break; }
      if (at > 0) out.push(rest.slice(0, at));
      out.push(h('mark', {}, w));
      rest = rest.slice(at + w.length);
    }
    return out;
  }

  function showEdge(j) {
    const s = edgeS[j], t = edgeT[j], f = edgeFlat[j];
    const both = edgeType[j] === 'MET' || edgeType[j] === 'PARTNERS_WITH';
    const evidence = strs(prop(f, 'evidence'));
    const docs = strs(prop(f, 'documents'));
    const back = focus && focus.anchor !== undefined ? focus.anchor : undefined;
    const kids = [
      back !== undefined ? h('p', { className: 'kg-back' }, link('← ' + nodeName(back), () => focusNode(back, false))) : null,
      h('div', { className: 'kg-kind' }, line(edgeType[j]), edgeType[j]),
      h('h2', { id: 'kg-panel-title' }, nodeLink(s), both ? ' — ' : ' → ', nodeLink(t)),
      h('code', { className: 'kg-id' }, edgeId[j]),
      hiddenNote(hiddenEdge[j]),
      h('h3', {}, 'Properties'),
      propList(f, EDGE_LISTS),
      h('h3', {}, 'Evidence (' + evidence.length + ')'),
      evidence.length ? h('ol', { className: 'kg-evidence', id: 'kg-evidence' }, evidence.map((x) => h('li', {}, marked(x, [s, t])))) : h('p', { className: 'kg-note' }, 'None recorded.'),
      h('h3', {}, 'Documents (' + docs.length + ')'),
      h('ul', { className: 'kg-list', id: 'kg-documents' }, docs.map((d) => {
        const di = nodeAt.has('doc:' + d) ? nodeAt.get('doc:' + d) : -1;
        if (di < 0) return h('li', {}, d);
        const df = nodeFlat[di];
        const title = prop(df, 'title');
        const meta = [prop(df, 'published'), prop(df, 'source')].filter(Boolean).map(String);
        return h('li', {}, link(title ? String(title) : d, () => focusNode(di, true), { 'data-kg-node': nodeId[di], title: nodeId[di] }),
          meta.length ? ' · ' + meta.join(' · ') : '', prop(df, 'url') ? h('div', {}, urlLink(String(prop(df, 'url')))) : null);
      })),
      h('h3', {}, 'Rules'),
      h('ul', { className: 'kg-list', id: 'kg-rules' }, strs(prop(f, 'rules')).map((r) => h('li', {}, h('code', {}, r)))),
      h('h3', {}, 'Spans'),
      h('ul', { className: 'kg-list', id: 'kg-spans' }, strs(prop(f, 'spans')).map((r) => h('li', {}, h('code', {}, r)))),
    ];
    show(kids);
  }

  function showOverview() {
    const rows = (names, counts) => names.filter((x) => counts[x]).map((x) => h('tr', {}, h('td', {}, x), h('td', {}, fmt(counts[x]))));
    const kids = [
      h('h2', { id: 'kg-panel-title' }, D.title || 'kg graph'),
      h('p', {}, fmt(N) + ' nodes and ' + fmt(E) + ' relationships' + (minDate ? ', dated ' + minDate + ' to ' + maxDate : '') + '.'),
      h('p', { className: 'kg-note' }, 'Click a node for its properties and relationships, a relationship for its evidence; search by any name or alias.'),
      h('h3', {}, 'Nodes'), h('table', { className: 'kg-counts' }, rows(LABELS, countLabels)),
      h('h3', {}, 'Relationships'), h('table', { className: 'kg-counts' }, rows(TYPES, countTypes)),
    ];
    if (huge) {
      kids.push(h('p', { className: 'kg-note' }, 'A large graph: meetings start hidden as well as documents (their MET relationships show who met whom, when and where). Tick them under Nodes to draw them; that takes a while.'));
    }
    if (D.warnings && D.warnings.length) {
      kids.push(h('p', { className: 'kg-warn' }, D.warnings.length + ' relationships were left out (an end not in the graph, or an unknown type).'));
    }
    show(kids);
  }

  // ---- the search box ------------------------------------------------------------

  const box = document.getElementById('kg-search');
  const results = document.getElementById('kg-results');
  let matches = [];
  let active = 0;
  function renderResults() {
    results.replaceChildren(...matches.map((m, k) => {
      const li = h('li', { role: 'option', className: k === active ? 'kg-active' : '', 'data-kg-node': nodeId[m.i] },
        swatch(nodeLabel[m.i]), h('span', {}, nodeName(m.i)),
        norm(m.via) !== norm(nodeName(m.i)) ? h('span', { className: 'kg-match' }, m.via) : null,
        hiddenNode[m.i] ? h('span', { className: 'kg-match' }, '(hidden)') : null);
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); pick(m.i); });
      return li;
    }));
    if (box.value.trim() && matches.length === 0) results.replaceChildren(h('li', { className: 'kg-none' }, 'No node has this name or alias.'));
  }
  function pick(i) {
    matches = [];
    results.replaceChildren();
    focusNode(i, true);
  }
  box.addEventListener('input', () => {
    matches = search(box.value, 30);
    active = 0;
    renderResults();
  });
  box.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      if (matches.length === 0) matches = search(box.value, 30);
      if (matches.length) pick(matches[Math.min(active, matches.length - 1)].i);
    } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (matches.length) {
        active = (active + (ev.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
        renderResults();
      }
    } else if (ev.key === 'Escape') {
      matches = [];
      results.replaceChildren();
    }
  });

  // ---- buttons -------------------------------------------------------------------

  document.getElementById('kg-fit').addEventListener('click', fit);
  const relayout = document.getElementById('kg-relayout');
  relayout.addEventListener('click', () => {
    const eles = visibleEls();
    if (eles.nodes().length > 1500) {
      status.append(' Too many nodes shown to lay out again here (over 1,500): hide some first.');
      return;
    }
    eles.layout({ name: 'cose', animate: false, randomize: false, fit: true, padding: 30, idealEdgeLength: () => 120, nodeRepulsion: () => 60000, numIter: 1500 }).run();
  });

  document.getElementById('kg-title').textContent = D.title || 'kg view';
  updateStatus();
  showOverview();

  // kgView is for tests and the console: the Cytoscape instance, ids in
  // both directions, and the time the page took to become interactive.
  window.kgView = {
    cy,
    node: (id) => (nodeAt.has(id) ? nodeEl(nodeAt.get(id)) : cy.collection()),
    edge: (id) => (edgeAt.has(id) ? edgeEl(edgeAt.get(id)) : cy.collection()),
    nodeId: (ele) => nodeId[Number(ele.id().slice(1))],
    edgeId: (ele) => edgeId[Number(ele.id().slice(1))],
    focusNode: (id) => focusNode(nodeAt.get(id), true),
    shown: () => shown,
    readyMs: 0,
  };
  cy.one('render', () => requestAnimationFrame(() => {
    window.kgView.readyMs = performance.now();
    document.body.setAttribute('data-kg-ready', '1');
  }));
  cy.forceRender();
})();
