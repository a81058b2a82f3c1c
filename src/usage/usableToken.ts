import * as vscode from 'vscode';
import { personCall } from '../core/shared/callOrigin';
import { fingerprint } from '../core/shared/fingerprint';
import type { StoredSession } from '../core/sessions/storedSession';
import { planUsableToken, type Freshness, type UsableTokenType } from '../core/usage/usableTokenPlan';
import { autoRefreshSettings } from '../settings';
import { t } from '../translate';
import type { Services } from '../services';

export type { Freshness, UsableTokenType } from '../core/usage/usableTokenPlan';

/** The margin from the user's own settings only: a workspace value is ignored (issue 9). */
export function userMarginSeconds(): number {
  return autoRefreshSettings().marginSeconds;
}

/**
 * A profile's token ready to be used: refreshed first when due (through `cognitoTokens.refresh`, so the
 * refresh is shared, saved and recorded as any other), and sign-in offered when there is no usable session
 * (through `cognitoTokens.signIn`). Undefined when the user cancels or nothing usable can be had; the
 * commands it runs have already said why.
 */
export async function usableToken(deps: Services, profile: string, tokenType: UsableTokenType, freshness: Freshness): Promise<string | undefined> {
  // What to do is core's plan (planUsableToken); this runs its steps: refresh through the command, ask before sign-in.
  let session = await readSession(deps, profile);
  let step = planUsableToken(session, { tokenType, freshness, now: deps.clock.now(), marginSeconds: userMarginSeconds(), refreshed: false });
  if (step.kind === 'refresh') {
    const result = await vscode.commands.executeCommand<{ error?: string } | undefined>('cognitoTokens.refresh', { profile });
    if (result?.error) deps.log.warn(`[usage] ${profile}: refresh before use failed (${result.error})`);
    session = await readSession(deps, profile);
    step = planUsableToken(session, { tokenType, freshness, now: deps.clock.now(), marginSeconds: userMarginSeconds(), refreshed: true });
  }
  switch (step.kind) {
    case 'signIn':
      return signInAndRead(deps, profile, tokenType, step.reason === 'signedOut' ? t('Profile {0} is signed out. Sign in to use its token?', profile) : t('The token of {0} has expired and could not be refreshed. Sign in again?', profile));
    case 'none':
      return undefined;
    case 'refresh':
      return undefined; // not planned twice (refreshed: true)
    case 'use':
      deps.log.info(`[usage] ${profile}: handing out the ${tokenType} token ${fingerprint(step.token)}`);
      return step.token;
  }
}

async function readSession(deps: Services, profile: string): Promise<StoredSession | undefined> {
  try {
    return await deps.repository.current(profile);
  } catch (error) {
    deps.log.error(`[usage] ${profile}: could not read the session`, error);
    return undefined;
  }
}

/**
 * Asks before signing in: a task or another extension asked for the token, and a password prompt out of
 * nowhere would be a surprise. Modal, because the caller waits for the answer (this is a question, not a notice).
 */
async function signInAndRead(deps: Services, profile: string, tokenType: UsableTokenType, question: string): Promise<string | undefined> {
  const signIn = t('Sign In');
  const choice = await vscode.window.showWarningMessage(question, { modal: true }, signIn);
  if (choice !== signIn) return undefined;
  // The user just chose to sign in: an interactive call (a workspace profile may ask for its one-time confirmation).
  await vscode.commands.executeCommand('cognitoTokens.signIn', personCall({ profile }));
  const session = await readSession(deps, profile);
  if (!session) return undefined;
  const token = session.tokens[tokenType];
  if (token === undefined) return undefined;
  deps.log.info(`[usage] ${profile}: handing out the ${tokenType} token ${fingerprint(token)} after sign-in`);
  return token;
}
