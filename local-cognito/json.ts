/** A JSON field as a string, or '' when it is absent or not a string (never "[object Object]"). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
