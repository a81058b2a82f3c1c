/**
 * Where USER_AUTH's one-time codes go. Until the pool's codes mechanism (`/_local/codes`, branch `pool`)
 * is merged, a minimal stand-in: the newest code per user, readable at `GET /_local/codes`.
 */
import { randomInt } from 'node:crypto';
import type { LayerContext } from './context';

const latest = new Map<string, string>();

export function deliverCode(_ctx: LayerContext, userPoolId: string, username: string, purpose: string): string {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  latest.set(`${userPoolId}/${username}`, code);
  void purpose;
  return code;
}

export function latestCode(userPoolId: string, username: string): string | undefined {
  return latest.get(`${userPoolId}/${username}`);
}
