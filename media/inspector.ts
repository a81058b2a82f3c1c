/**
 * The inspector page. It renders what the host sends and nothing else: every piece of token-derived
 * text goes in with `textContent`, never as HTML, so a hostile claim stays text.
 */
import type { ClaimRow, TokenInspection } from '../src/core/tokens/inspection';
import type { TimelineRow } from '../src/core/sessions/rotationHistory';
import type { VerifyResult } from '../src/core/tokens/verify';
import type { AppClientRow, CopyTarget, HostToPage, InspectorLabels, PageToHost } from '../src/shared/inspectorProtocol';
import type { Finding } from '../src/core/appClient/preflight';
import type { TimelineShapes, TimelineZoom } from '../src/core/appClient/sessionTimeline';

declare function acquireVsCodeApi(): { postMessage(message: PageToHost): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let labels: InspectorLabels | undefined;
let rawShown = false;
// The last hour first: a whole 30-day session draws minutes-long tokens as hairlines at its left edge.
let zoom: TimelineZoom = 'hour';
const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function button(label: string, onClick: () => void, id?: string): HTMLButtonElement {
  const node = el('button', undefined, label);
  node.type = 'button';
  if (id) {
    node.id = id;
  }
  node.addEventListener('click', onClick);
  return node;
}

function copy(what: CopyTarget): void {
  vscode.postMessage({ type: 'copy', what });
}

function render(inspection: TokenInspection, l: InspectorLabels, verify: VerifyResult | undefined): void {
  labels = l;
  app.replaceChildren();
  const header = el('header', 'summary');
  header.append(el('h1', undefined, inspection.title));
  const status = el('span', `status status-${inspection.expiry.state}`, inspection.expiry.text);
  status.id = 'expiry-status';
  header.append(status);
  const fp = el('p', 'fingerprint');
  fp.append(el('span', 'label', `${l.fingerprint}: `), el('code', undefined, inspection.fingerprint));
  header.append(fp);
  app.append(header);

  const actions = el('div', 'actions');
  actions.append(
    button(l.copyToken, () => copy('token'), 'copy-token'),
    button(l.copyBearer, () => copy('bearer'), 'copy-bearer'),
    button(l.copyHeader, () => copy('header'), 'copy-header'),
  );
  if (inspection.kind === 'jws') {
    actions.append(button(l.copyPayload, () => copy('payload'), 'copy-payload'));
  }
  const rawToggle = button(rawShown ? l.hideRaw : l.showRaw, () => {
    rawShown = !rawShown;
    rawToggle.textContent = rawShown ? l.hideRaw : l.showRaw;
    raw.hidden = !rawShown;
  }, 'toggle-raw');
  actions.append(rawToggle);
  const copiedNote = el('span', 'copied');
  copiedNote.id = 'copied-note';
  actions.append(copiedNote);
  app.append(actions);
  // Places the stored token's sections arrive into (each message fills its own), so their order never depends on timing.
  for (const id of ['slot-findings', 'slot-timeline', 'slot-history']) {
    const slot = el('div');
    slot.id = id;
    app.append(slot);
  }

  if (inspection.problems.length > 0) {
    app.append(listSection(l.problems, inspection.problems, 'problems'));
  }

  if (inspection.kind === 'jws') {
    const verifySection = el('section', 'verify');
    verifySection.append(el('h2', undefined, l.signature));
    const verifyButton = button(l.verify, () => vscode.postMessage({ type: 'verify' }), 'verify');
    const verifyResult = el('div', 'verify-result');
    verifyResult.id = 'verify-result';
    verifySection.append(verifyButton, verifyResult);
    app.append(verifySection);
    showVerify(verify);
  }

  if (inspection.cognito) {
    const c = inspection.cognito;
    const facts: Array<[string, string | undefined]> = [
      [l.tokenUse, c.tokenUse],
      [l.userPool, c.userPoolId],
      [l.region, c.region],
      [l.issuerFormat, c.issuerFormat],
      [l.clientId, c.clientId],
      [l.username, c.username],
      [l.groups, c.groups.length > 0 ? c.groups.join(', ') : undefined],
      [l.jwks, c.jwksUrl],
    ];
    const section = el('section', 'cognito');
    section.append(el('h2', undefined, l.cognito));
    const dl = el('dl');
    for (const [name, value] of facts) {
      if (value !== undefined) {
        dl.append(el('dt', undefined, name), el('dd', undefined, value));
      }
    }
    section.append(dl);
    app.append(section);
  }
  const appSlot = el('div');
  appSlot.id = 'slot-app-client';
  app.append(appSlot);
  if (inspection.notes.length > 0) {
    app.append(listSection(l.notes, inspection.notes, 'notes'));
  }

  app.append(claimTable(l.header, inspection.header, l, 'header-table'));
  if (inspection.kind === 'jws') {
    app.append(claimTable(l.payload, inspection.payload, l, 'payload-table'));
  }

  const raw = el('section', 'raw');
  raw.id = 'raw';
  raw.hidden = !rawShown;
  raw.append(el('h2', undefined, l.header), el('pre', undefined, inspection.headerJson));
  if (inspection.payloadJson !== undefined) {
    raw.append(el('h2', undefined, l.payload), el('pre', undefined, inspection.payloadJson));
  }
  app.append(raw);
}

function listSection(title: string, items: readonly string[], className: string): HTMLElement {
  const section = el('section', className);
  section.append(el('h2', undefined, title));
  const list = el('ul');
  for (const item of items) {
    list.append(el('li', undefined, item));
  }
  section.append(list);
  return section;
}

function claimTable(title: string, rows: readonly ClaimRow[], l: InspectorLabels, id: string): HTMLElement {
  const section = el('section', 'claims');
  section.append(el('h2', undefined, title));
  const table = el('table');
  table.id = id;
  const head = el('tr');
  head.append(el('th', undefined, l.claim), el('th', undefined, l.value), el('th', undefined, l.meaning));
  table.append(el('thead'));
  table.tHead?.append(head);
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    tr.dataset.claim = row.name;
    tr.append(el('td', 'claim-name', row.name));
    const value = el('td', 'claim-value');
    value.append(el('code', undefined, row.value));
    if (row.time) {
      const time = el('div', 'time');
      time.append(el('span', undefined, row.time.utc), el('span', 'local', row.time.local));
      const relative = el('span', 'relative', row.time.relative);
      relative.dataset.time = row.name;
      time.append(relative);
      value.append(time);
    }
    if (row.problem) {
      value.append(el('div', 'problem', row.problem));
    }
    tr.append(value, el('td', 'claim-meaning', row.explanation ?? ''));
    body.append(tr);
  }
  table.append(body);
  section.append(table);
  return section;
}

function showVerify(result: VerifyResult | undefined): void {
  const target = document.getElementById('verify-result');
  if (!target || !labels) {
    return;
  }
  target.replaceChildren();
  target.className = `verify-result verify-${result?.status ?? 'notChecked'}`;
  target.append(el('p', 'verify-reason', result ? result.reason : labels.notChecked));
  if (!result) {
    return;
  }
  if (result.issuerMatchesProfile !== undefined) {
    const pool = el('p', result.issuerMatchesProfile ? 'profile-pool ok' : 'profile-pool bad', result.issuerMatchesProfile ? labels.profilePoolYes : labels.profilePoolNo);
    pool.id = 'profile-pool';
    target.append(pool);
  }
  if (result.jwksUrl !== undefined && result.keySource !== undefined) {
    const source = { aws: labels.keySourceAws, profile: labels.keySourceProfile, confirmed: labels.keySourceConfirmed }[result.keySource];
    const from = el('p', 'keys-from');
    from.append(el('span', 'label', `${labels.keysFrom}: `), el('code', undefined, result.jwksUrl), el('span', undefined, ` (${source})`));
    target.append(from);
  }
  if (result.confirmIssuer !== undefined) {
    // The issuer is shown as text, exactly; the button names no issuer: the host trusts the one it offered.
    const confirm = el('div', 'confirm-issuer');
    confirm.append(el('p', undefined, labels.confirmIssuerPrompt));
    const issuer = el('code', 'issuer', result.confirmIssuer);
    issuer.id = 'confirm-issuer-text';
    confirm.append(issuer, button(labels.confirmIssuer, () => vscode.postMessage({ type: 'confirmIssuer' }), 'confirm-issuer'));
    target.append(confirm);
  }
  const list = el('ul');
  for (const check of result.checks) {
    const mark = check.notChecked ? '–' : check.ok ? '✓' : '✗';
    list.append(el('li', check.notChecked ? 'not-checked' : check.ok ? 'ok' : 'bad', `${mark} ${check.name}: ${check.detail}`));
  }
  target.append(list);
}

function renderHistory(rows: readonly TimelineRow[]): void {
  if (!labels) return;
  document.getElementById('history')?.remove();
  const section = el('section', 'history');
  section.id = 'history';
  section.append(el('h2', undefined, labels.history));
  if (rows.length === 0) {
    section.append(el('p', 'history-empty', labels.historyEmpty));
  }
  const list = el('ol', 'timeline');
  for (const row of rows) {
    const item = el('li', row.rotated ? 'rotated' : 'kept');
    item.append(el('div', 'when', row.when), el('div', 'summary', row.summary));
    const details = el('ul');
    for (const line of row.details) details.append(el('li', undefined, line));
    item.append(details);
    list.append(item);
  }
  section.append(list);
  // The history goes in its slot right after the summary actions, above the claim tables.
  const slot = document.getElementById('slot-history');
  if (slot) {
    slot.replaceChildren(section);
  } else {
    app.append(section);
  }
}

function renderAppClient(rows: readonly AppClientRow[], findings: readonly Finding[]): void {
  if (!labels) return;
  const l = labels;
  // Preflight, as a Problems list: severity, message (with its fix), code.
  const problems = el('section', 'app-findings');
  problems.id = 'app-findings';
  problems.append(el('h2', undefined, l.appClientFindings));
  if (findings.length === 0) problems.append(el('p', 'history-empty', l.appClientNoFindings));
  const list = el('ul', 'findings');
  for (const finding of findings) {
    const item = el('li', `finding finding-${finding.severity}`);
    item.dataset.code = finding.code;
    const mark = { error: '⊗', warning: '⚠', info: 'ⓘ' }[finding.severity];
    const icon = el('span', 'finding-icon', mark);
    icon.setAttribute('aria-label', finding.severity);
    item.append(icon, el('span', 'finding-message', finding.message), el('code', 'finding-code', finding.code));
    list.append(item);
  }
  problems.append(list);
  document.getElementById('slot-findings')?.replaceChildren(problems);

  const section = el('section', 'app-client');
  section.id = 'app-client';
  section.append(el('h2', undefined, l.appClient));
  const dl = el('dl');
  for (const row of rows) {
    const dd = el('dd', `source-${row.source}`, row.value);
    if (row.source !== 'described') dd.append(el('span', 'source-note', ` (${row.sourceText})`));
    dl.append(el('dt', undefined, row.label), dd);
  }
  section.append(dl);
  document.getElementById('slot-app-client')?.replaceChildren(section);
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, className?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (className) node.setAttribute('class', className);
  return node;
}

/** A shape's tooltip: an SVG <title>, filled with textContent like every other text here. */
function titled<T extends SVGElement>(node: T, text: string): T {
  const title = document.createElementNS(SVG, 'title');
  title.textContent = text;
  node.append(title);
  return node;
}

function requestTimeline(): void {
  const width = Math.round(document.getElementById('slot-timeline')?.clientWidth || app.clientWidth || 600);
  vscode.postMessage({ type: 'timeline', zoom, width: Math.max(240, width) });
}

function renderTimeline(shapes: TimelineShapes, shownZoom: TimelineZoom): void {
  if (!labels) return;
  const l = labels;
  zoom = shownZoom;
  const section = el('section', 'session-time');
  section.id = 'session-time';
  section.append(el('h2', undefined, l.sessionTime));
  const controls = el('div', 'zoom');
  controls.setAttribute('role', 'group');
  for (const [value, label] of [['hour', l.zoomHour], ['session', l.zoomSession]] as const) {
    const b = button(label, () => {
      zoom = value;
      requestTimeline();
    }, `zoom-${value}`);
    b.setAttribute('aria-pressed', String(zoom === value));
    controls.append(b);
  }
  section.append(controls);

  const root = svg('svg', { viewBox: `0 0 ${shapes.width} ${shapes.height}`, width: shapes.width, height: shapes.height, role: 'img' }, 'timeline-svg');
  root.setAttribute('aria-label', shapes.facts.slice(0, 4).join('. '));
  const p = shapes.plot;
  for (const lane of shapes.lanes) {
    const text = svg('text', { x: 4, y: lane.y + 12 }, 'lane-label');
    text.textContent = lane.label;
    root.append(text, svg('line', { x1: p.left, x2: p.right, y1: lane.y + 19, y2: lane.y + 19 }, 'lane-line'));
  }
  for (const g of shapes.grace) root.append(titled(svg('rect', { x: g.x, y: g.y, width: g.w, height: g.h }, 'grace'), g.title));
  for (const b of shapes.bars) root.append(titled(svg('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 2 }, `bar bar-${b.kind}${b.current ? ' current' : ''}`), b.title));
  for (const m of shapes.marks) root.append(titled(svg('line', { x1: m.x, x2: m.x, y1: p.top, y2: p.bottom }, m.rotated ? 'mark rotated' : 'mark kept'), m.title));
  if (shapes.wall) {
    const wall = svg('g', {}, shapes.wall.beyond ? 'wall beyond' : 'wall');
    wall.append(svg('line', { x1: shapes.wall.x, x2: shapes.wall.x, y1: p.top, y2: p.bottom }), svg('rect', { x: shapes.wall.x, y: p.top, width: 4, height: p.bottom - p.top }));
    root.append(titled(wall, shapes.wall.title));
  }
  root.append(titled(svg('line', { x1: shapes.now.x, x2: shapes.now.x, y1: p.top - 2, y2: p.bottom + 4 }, 'now'), shapes.now.title));
  for (const tick of shapes.ticks) {
    root.append(svg('line', { x1: tick.x, x2: tick.x, y1: p.bottom, y2: p.bottom + 4 }, 'tick'));
    const text = svg('text', { x: tick.x, y: p.bottom + 16, 'text-anchor': 'middle' }, 'tick-label');
    text.textContent = tick.label;
    root.append(text);
  }
  const frame = el('div', 'timeline-frame');
  frame.append(root);
  section.append(frame);

  const legend = el('ul', 'legend');
  for (const [className, text] of [['legend-grace', l.legendGrace], ['legend-rotation', l.legendRotation], ['legend-wall', l.legendWall], ['legend-now', l.legendNow]] as const) {
    const item = el('li', className);
    item.append(el('span', 'swatch'), el('span', undefined, text));
    legend.append(item);
  }
  section.append(legend);

  // The same facts as text: screen readers read this list, and anyone can open it.
  const details = el('details', 'timeline-text');
  details.append(el('summary', undefined, l.timelineAsText));
  const facts = el('ul');
  facts.id = 'timeline-facts';
  for (const fact of shapes.facts) facts.append(el('li', undefined, fact));
  details.append(facts);
  section.append(details);
  document.getElementById('slot-timeline')?.replaceChildren(section);
}

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  if (resizeTimer) clearTimeout(resizeTimer);
  resizeTimer = setTimeout(requestTimeline, 200);
});

window.addEventListener('message', (event: MessageEvent<HostToPage>) => {
  const message = event.data;
  switch (message.type) {
    case 'render':
      render(message.inspection, message.labels, message.verify);
      requestTimeline();
      break;
    case 'appClient':
      renderAppClient(message.rows, message.findings);
      break;
    case 'timeline':
      renderTimeline(message.shapes, message.zoom);
      break;
    case 'tick': {
      const status = document.getElementById('expiry-status');
      if (status) {
        status.textContent = message.expiry.text;
        status.className = `status status-${message.expiry.state}`;
      }
      for (const node of Array.from(document.querySelectorAll<HTMLElement>('[data-time]'))) {
        const text = message.relative[node.dataset.time ?? ''];
        if (text !== undefined) {
          node.textContent = text;
        }
      }
      break;
    }
    case 'verifying': {
      const target = document.getElementById('verify-result');
      if (target && labels) {
        target.className = 'verify-result verify-pending';
        target.replaceChildren(el('p', 'verify-reason', labels.verifying));
      }
      break;
    }
    case 'verifyResult':
      showVerify(message.result);
      break;
    case 'history':
      renderHistory(message.rows);
      break;
    case 'copied': {
      const note = document.getElementById('copied-note');
      if (note && labels) {
        note.textContent = labels.copied;
        setTimeout(() => (note.textContent = ''), 1500);
      }
      break;
    }
  }
});

vscode.postMessage({ type: 'ready' });
