/** POSIX shell single-quoting: everything literal, a `'` closed, escaped and reopened. Safe for untrusted text. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(token: string, url: string): string {
  return `curl -H ${shellQuote(`Authorization: Bearer ${token}`)} ${shellQuote(url)}`;
}

/** An http(s) URL usable on a command line: no control characters (a newline would end the command). */
export function isUsableUrl(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The http(s) URL under `character` in a line, else the first one on it. Quotes, brackets and spaces end a URL. */
export function urlInLine(line: string, character?: number): string | undefined {
  const pattern = /https?:\/\/[^\s"'`<>()[\]{}]+/g;
  let first: string | undefined;
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    // Trailing punctuation belongs to the sentence, not the URL.
    const url = match[0].replace(/[.,;:!?]+$/, '');
    if (!isUsableUrl(url)) continue;
    first ??= url;
    if (character !== undefined && character >= match.index && character <= match.index + url.length) return url;
  }
  return first;
}
