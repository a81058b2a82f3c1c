import * as vscode from 'vscode';
import { describeDecodeFailure } from '../core/tokens/inspection';
import { decodeToken, normalizeTokenInput } from '../core/tokens/jwt';
import { forNotification } from '../core/shared/untrustedText';
import type { VerifyResult } from '../core/tokens/verify';
import { InspectorPanel, type InspectorDeps } from '../inspector/inspectorPanel';
import { t } from '../translate';
import { findToken, tokenArgs, type DecodeArgs } from './tokenSource';

/** The decode command's arguments, plus `profile`: verify against that profile's own user pool only. */
export interface VerifyArgs extends DecodeArgs {
  readonly profile?: string;
}

/**
 * `cognitoTokens.verify`: finds a token like the decode command, opens it in the inspector and verifies
 * its signature there. Resolves to the verification result (status, reason, checks, where the keys came
 * from, whether the issuer is the profile's pool): never the token. Keys are fetched only from places
 * `keySourceFor` trusts; an issuer that needs the user's confirmation is not fetched from here.
 */
export async function verifyCommand(deps: InspectorDeps, raw: unknown): Promise<VerifyResult | undefined> {
  const args: VerifyArgs = tokenArgs(raw);
  const profile = typeof args.profile === 'string' ? args.profile : undefined;
  const found = await findToken(args);
  if (!found) {
    return undefined;
  }
  const token = normalizeTokenInput(found.text);
  const decoded = decodeToken(token);
  if (decoded.kind === 'invalid') {
    const reason = describeDecodeFailure(decoded, t);
    void vscode.window.showErrorMessage(t('Cannot decode the token: {0}', forNotification(reason)));
    return { status: 'notChecked', reason, checks: [] };
  }
  if (args.show === false) {
    return deps.verifier.verify(token, { profile });
  }
  return InspectorPanel.show({ ...deps, profile }, token, decoded).runVerify();
}
