/**
 * The inspector page. It renders what the host sends and nothing else: every piece of token-derived
 * text goes in with `textContent`, never as HTML, so a hostile claim stays text.
 */
import type { ClaimRow, TokenInspection } from '../src/core/tokens/inspection';
import type { TimelineRow } from '../src/core/sessions/rotationHistory';
import type { VerifyResult } from '../src/core/tokens/verify';
import type { CopyTarget, HostToPage, InspectorLabels, PageToHost } from '../src/shared/inspectorProtocol';

declare function acquireVsCodeApi(): { postMessage(message: PageToHost): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let labels: InspectorLabels | undefined;
let rawShown = false;

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
  // The timeline goes right after the summary actions, above the claim tables.
  const anchor = document.querySelector('.actions');
  if (anchor) {
    anchor.after(section);
  } else {
    app.append(section);
  }
}

window.addEventListener('message', (event: MessageEvent<HostToPage>) => {
  const message = event.data;
  switch (message.type) {
    case 'render':
      render(message.inspection, message.labels, message.verify);
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
