import * as vscode from 'vscode';
import type { Clock } from '../core/shared/clock';
import { expiryState, numericDate, type ExpiryState } from '../core/tokens/expiry';
import { cognitoFacts } from '../core/tokens/cognitoIssuer';
import { fingerprint } from '../core/shared/fingerprint';
import { describeDecodeFailure } from '../core/tokens/inspection';
import { decodeToken, normalizeTokenInput, type DecodedToken } from '../core/tokens/jwt';
import { InspectorPanel, type InspectorDeps } from '../inspector/inspectorPanel';
import { clockSkewSeconds } from '../settings';
import { t } from '../translate';
import { findToken, tokenArgs, type TokenSource } from './tokenSource';



/** What the command resolves to. Never holds the token: only its fingerprint and decoded facts. */
export type DecodeSummary =
  | {
      readonly ok: true;
      readonly source: TokenSource;
      readonly kind: 'jws' | 'jwe';
      readonly fingerprint: string;
      readonly tokenUse?: string;
      readonly issuer?: string;
      readonly userPoolId?: string;
      readonly region?: string;
      readonly clientId?: string;
      readonly expiresAt?: string;
      readonly expiryState: ExpiryState;
      readonly problems: number;
    }
  | { readonly ok: false; readonly source: TokenSource; readonly error: string; readonly message: string };

export async function decodeCommand(deps: InspectorDeps, clock: Clock, raw: unknown): Promise<DecodeSummary | undefined> {
  const args = tokenArgs(raw);
  const found = await findToken(args);
  if (!found) {
    return undefined; // Cancelled: silent.
  }
  const token = normalizeTokenInput(found.text);
  const decoded = decodeToken(token);
  if (decoded.kind === 'invalid') {
    const message = describeDecodeFailure(decoded, t);
    deps.log.info(`[decode] not a decodable token (${decoded.code}) from ${found.source}`);
    void vscode.window.showErrorMessage(t('Cannot decode the token: {0}', message));
    return { ok: false, source: found.source, error: decoded.code, message };
  }
  deps.log.info(`[decode] token ${fingerprint(token)} from ${found.source}`);
  if (args.show !== false) {
    InspectorPanel.show(deps, token, decoded);
  }
  return summarize(token, decoded, found.source, clock);
}

function summarize(token: string, decoded: DecodedToken, source: TokenSource, clock: Clock): DecodeSummary {
  const payload = decoded.kind === 'jws' ? decoded.payload : {};
  const exp = numericDate(payload.exp);
  const facts = cognitoFacts(payload);
  const problems = decoded.kind === 'jws' ? countProblems(payload) : 0;
  return {
    ok: true,
    source,
    kind: decoded.kind,
    fingerprint: fingerprint(token),
    tokenUse: typeof payload.token_use === 'string' ? payload.token_use : undefined,
    issuer: typeof payload.iss === 'string' ? payload.iss : undefined,
    userPoolId: facts?.issuer?.userPoolId,
    region: facts?.issuer?.region,
    clientId: facts?.clientId,
    expiresAt: exp === undefined ? undefined : new Date(exp * 1000).toISOString(),
    expiryState: expiryState({ exp, nbf: numericDate(payload.nbf) }, clock, clockSkewSeconds()),
    problems,
  };
}

function countProblems(payload: Record<string, unknown>): number {
  return ['exp', 'iat', 'nbf', 'auth_time'].filter((name) => name in payload && numericDate(payload[name]) === undefined).length;
}

