import * as vscode from 'vscode';
import type { Clock } from '../core/shared/clock';
import { fingerprint } from '../core/shared/fingerprint';
import { forNotification } from '../core/shared/untrustedText';
import { describeDecodeFailure } from '../core/tokens/inspection';
import { decodeToken, normalizeTokenInput } from '../core/tokens/jwt';
import { summarizeToken, type TokenSummary } from '../core/tokens/tokenSummary';
import { InspectorPanel, type InspectorDeps } from '../inspector/inspectorPanel';
import { clockSkewSeconds } from '../settings';
import { t } from '../translate';
import { findToken, tokenArgs, type TokenSource } from './tokenSource';

/** What the command resolves to. Never holds the token: only its fingerprint and decoded facts. */
export type DecodeSummary =
  | ({ readonly ok: true; readonly source: TokenSource } & TokenSummary)
  | { readonly ok: false; readonly source: TokenSource; readonly error: string; readonly message: string };

export async function decodeCommand(deps: InspectorDeps, clock: Clock, raw: unknown): Promise<DecodeSummary | undefined> {
  // A bare string is the token itself (`executeCommand('cognitoTokens.decode', token)`).
  const args = tokenArgs(typeof raw === 'string' ? { token: raw } : raw);
  const found = await findToken(args);
  if (!found) {
    return undefined; // Cancelled: silent.
  }
  const token = normalizeTokenInput(found.text);
  const decoded = decodeToken(token);
  if (decoded.kind === 'invalid') {
    const message = describeDecodeFailure(decoded, t);
    deps.log.info(`[decode] not a decodable token (${decoded.code}) from ${found.source}`);
    void vscode.window.showErrorMessage(t('Cannot decode the token: {0}', forNotification(message)));
    return { ok: false, source: found.source, error: decoded.code, message };
  }
  deps.log.info(`[decode] token ${fingerprint(token)} from ${found.source}`);
  if (args.show !== false) {
    InspectorPanel.show(deps, token, decoded);
  }
  const summary = summarizeToken(token, decoded, { clock, skewSeconds: clockSkewSeconds(), t, locale: vscode.env.language });
  return { ok: true, source: found.source, ...summary };
}
