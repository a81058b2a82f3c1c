import * as vscode from 'vscode';
import { MessageGate } from './core/shared/messageGate';
import { safeNotificationMessage } from './core/shared/untrustedText';

export interface NotifierAction {
  readonly title: string;
  readonly run: () => unknown;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * The one place that turns outcomes into messages. Never awaited by callers (a notification blocks until
 * dismissed); a failure that repeats (polling views, auto refresh) is shown once until it changes.
 */
export class Notifier {
  private readonly gate = new MessageGate();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** A message the user caused just now (a command): always shown. */
  show(severity: Severity, message: string, ...actions: NotifierAction[]): void {
    // Messages carry untrusted values (server texts, usernames, profile names): VS Code would render
    // `[label](https:…|command:…)` in them as a link. Each value is cleaned where it is interpolated; this
    // catches any that was not.
    message = safeNotificationMessage(message);
    const titles = actions.map((a) => a.title);
    const shown =
      severity === 'error'
        ? vscode.window.showErrorMessage(message, ...titles)
        : severity === 'warning'
          ? vscode.window.showWarningMessage(message, ...titles)
          : vscode.window.showInformationMessage(message, ...titles);
    void Promise.resolve(shown).then((choice) => actions.find((a) => a.title === choice)?.run());
  }

  /** A failure that may be reported again and again: shown once per `key` until its text changes or `resolved(key)`. */
  problem(key: string, severity: Severity, message: string, ...actions: NotifierAction[]): void {
    if (!this.gate.shouldShow(key, message)) return;
    this.log.info(`[notifier] ${key}: shown once until it changes`);
    this.show(severity, message, ...actions);
  }

  resolved(key: string): void {
    this.gate.clear(key);
  }

  /** A short note in the status bar (success of a command the user ran). */
  status(message: string, ms = 4000): void {
    vscode.window.setStatusBarMessage(message, ms);
  }
}
