import { CognitoError } from './errors';

/** A JSON field as a string, or '' when it is absent or not a string (never "[object Object]"). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A request body as a JSON object; anything else is Cognito's SerializationException. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (text.trim() === '') {
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CognitoError('SerializationException', 'The request body is not a valid JSON object.');
  }
  return value as Record<string, unknown>;
}
