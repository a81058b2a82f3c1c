import * as vscode from 'vscode';
import { describeDecodeFailure } from '../core/tokens/inspection';
import { decodeToken, normalizeTokenInput } from '../core/tokens/jwt';
import type { VerifyResult } from '../core/tokens/verify';
import { InspectorPanel, type InspectorDeps } from '../inspector/inspectorPanel';
import { t } from '../translate';
import { findToken, tokenArgs } from './tokenSource';

/**
 * `cognitoTokens.verify`: finds a token like the decode command, opens it in the inspector and verifies
 * its signature there. Resolves to the verification result (status, reason, checks): never the token.
 */
export async function verifyCommand(deps: InspectorDeps, raw: unknown): Promise<VerifyResult | undefined> {
  const args = tokenArgs(raw);
  const found = await findToken(args);
  if (!found) {
    return undefined;
  }
  const token = normalizeTokenInput(found.text);
  const decoded = decodeToken(token);
  if (decoded.kind === 'invalid') {
    const reason = describeDecodeFailure(decoded, t);
    void vscode.window.showErrorMessage(t('Cannot decode the token: {0}', reason));
    return { status: 'notChecked', reason, checks: [] };
  }
  if (args.show === false) {
    return deps.verify(token);
  }
  return InspectorPanel.show(deps, token, decoded).runVerify();
}
