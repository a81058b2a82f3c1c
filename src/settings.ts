import * as vscode from 'vscode';

/** Typed access to `cognitoTokens.*` settings, read when used so changes apply without reloading. */
export function clockSkewSeconds(): number {
  const value = vscode.workspace.getConfiguration('cognitoTokens').get<number>('clockSkewSeconds', 0);
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 3600) : 0;
}

export function hoverEnabled(): boolean {
  return vscode.workspace.getConfiguration('cognitoTokens').get<boolean>('hover.enabled', true);
}
