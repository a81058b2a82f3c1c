import * as vscode from 'vscode';
import { offeredCommand, type FailureKind } from '../core/protocol/cognitoErrors';
import type { NotifierAction } from '../notifier';
import { t } from '../translate';

/** The buttons a failure's notification offers (the decision is `offeredCommand` in core). */
export function failureActions(kind: FailureKind, profile: string): NotifierAction[] {
  const command = offeredCommand(kind);
  return command ? [{ title: t('Set Client Secret'), run: () => vscode.commands.executeCommand(command, { profile }) }] : [];
}
