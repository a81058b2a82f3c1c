import type { PlainResponse } from './host';

/** Everything put into a page goes through here: request parameters and user input are untrusted. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`=/]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface FormStep {
  /** Hidden fields carried from step to step (the authorize request, and the challenge Session). */
  hidden: Record<string, string>;
  title: string;
  /** Plain-text paragraph above the fields (an error or what the step asks). */
  message?: string;
  error?: boolean;
  fields: Array<{ name: string; label: string; type: 'text' | 'password'; autocomplete: string; value?: string }>;
  submit: string;
}

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}'
  + 'label{display:block;margin:.8rem 0 .2rem}input[type=text],input[type=password]{width:100%;padding:.4rem;box-sizing:border-box}'
  + 'button{margin-top:1rem;padding:.5rem 1.2rem}.error{color:#b00020}.note{color:#555;font-size:.9rem}';

function page(title: string, inner: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`
    + `<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>`
    + `<body><h1>${escapeHtml(title)}</h1>${inner}<p class="note">Local user pool (managed login)</p></body></html>`;
}

/** No scripts, no framing. (No form-action: browsers apply it to the redirect back to the app too.) */
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

export function formPage(step: FormStep, status = 200): PlainResponse {
  const hidden = Object.entries(step.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const fields = step.fields
    .map((f, i) => `<label for="f${i}">${escapeHtml(f.label)}</label><input id="f${i}" type="${f.type}" name="${escapeHtml(f.name)}" autocomplete="${escapeHtml(f.autocomplete)}" value="${escapeHtml(f.value ?? '')}"${i === 0 ? ' autofocus' : ''}>`)
    .join('');
  const message = step.message ? `<p class="${step.error ? 'error' : 'message'}" role="${step.error ? 'alert' : 'status'}">${escapeHtml(step.message)}</p>` : '';
  return {
    status,
    headers: HEADERS,
    body: page(step.title, `${message}<form method="post" action="/oauth2/authorize">${hidden}${fields}<button type="submit">${escapeHtml(step.submit)}</button></form>`),
  };
}

export function messagePage(title: string, paragraphs: string[], status = 400): PlainResponse {
  return { status, headers: HEADERS, body: page(title, paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')) };
}
