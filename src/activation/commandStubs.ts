import * as vscode from 'vscode';
import type { LazyFeatures } from './lazyFeatures';

/**
 * Every command the manifest contributes, as a stub: its first run starts dist/features.js, whose
 * registrations replace the stubs (they step aside just before), then runs the real command with the same
 * arguments and resolves to its result. The ids come from the manifest, so a new command needs no line here.
 */
export function commandStubs(lazy: LazyFeatures, context: vscode.ExtensionContext): void {
  const manifest = context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } };
  const stubs = (manifest.contributes?.commands ?? []).map(({ command }) =>
    vscode.commands.registerCommand(command, (...args: unknown[]): Thenable<unknown> => {
      lazy.features();
      return vscode.commands.executeCommand<unknown>(command, ...args);
    }),
  );
  lazy.whenFeatures({
    before: () => {
      for (const stub of stubs) stub.dispose();
    },
  });
  context.subscriptions.push(...stubs);
}
