import * as assert from 'node:assert/strict';

/** The hidden fields of the pool's sign-in form, as a browser would post them back. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescape(match[1])] = unescape(match[2]);
  }
  return fields;
}

function unescape(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

export async function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
}

/**
 * Drives `/oauth2/authorize` as a browser would: GET the form, POST the credentials (and the answers to
 * any further steps), and return the 302's Location without following it.
 */
export async function signInThroughForm(authorizeUrl: string, username: string, password: string, steps: Array<Record<string, string>> = []): Promise<string> {
  const form = await fetch(authorizeUrl, { redirect: 'manual' });
  assert.equal(form.status, 200, `authorize form: ${form.status}`);
  const endpoint = new URL('/oauth2/authorize', authorizeUrl).href;
  let response = await postForm(endpoint, { ...hiddenFields(await form.text()), username, password });
  for (const step of steps) {
    assert.equal(response.status, 200, 'expected a further form step');
    response = await postForm(endpoint, { ...hiddenFields(await response.text()), ...step });
  }
  assert.equal(response.status, 302, `expected the redirect, got ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response.headers.get('location') ?? '';
}

/** A JWS's claims, unverified (the tests check what the pool put in them). */
export function payload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
