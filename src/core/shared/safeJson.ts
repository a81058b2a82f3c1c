/**
 * JSON.stringify that cannot overflow the stack on hostile nesting and cannot produce huge strings:
 * values deeper than `maxDepth` become "…", output stops at `maxLength`.
 */
export function safeStringify(value: unknown, options: { indent?: number; maxDepth?: number; maxLength?: number } = {}): string {
  const indent = options.indent ?? 0;
  const maxDepth = options.maxDepth ?? 32;
  const maxLength = options.maxLength ?? 200_000;
  const out: string[] = [];
  let length = 0;
  const push = (text: string): boolean => {
    if (length >= maxLength) {
      return false;
    }
    const room = maxLength - length;
    out.push(text.length > room ? `${text.slice(0, room)}…` : text);
    length += text.length;
    return length < maxLength;
  };
  const newline = (depth: number): string => (indent > 0 ? `\n${' '.repeat(indent * depth)}` : '');
  const write = (item: unknown, depth: number): boolean => {
    if (item === null || typeof item !== 'object') {
      return push(item === undefined ? 'null' : JSON.stringify(item));
    }
    if (depth >= maxDepth) {
      return push(Array.isArray(item) ? '[…]' : '{…}');
    }
    const isArray = Array.isArray(item);
    const entries: Array<[string | undefined, unknown]> = isArray
      ? (item as unknown[]).map((v) => [undefined, v])
      : Object.entries(item as Record<string, unknown>);
    if (entries.length === 0) {
      return push(isArray ? '[]' : '{}');
    }
    if (!push(isArray ? '[' : '{')) {
      return false;
    }
    for (const [index, [key, v]] of entries.entries()) {
      if (!push((index > 0 ? ',' : '') + newline(depth + 1))) {
        return false;
      }
      if (key !== undefined && !push(`${JSON.stringify(key)}:${indent > 0 ? ' ' : ''}`)) {
        return false;
      }
      if (!write(v, depth + 1)) {
        return false;
      }
    }
    return push(newline(depth) + (isArray ? ']' : '}'));
  };
  write(value, 0);
  return out.join('');
}
