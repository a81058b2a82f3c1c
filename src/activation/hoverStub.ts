import * as vscode from 'vscode';
import type { LazyFeatures } from './lazyFeatures';
import { systemClock } from '../core/shared/clock';
import type { JwtHoverProvider } from '../hover/jwtHoverProvider';

/**
 * The hover on every document of every language and scheme (tokens turn up in logs, output and untitled
 * buffers too). The first hover loads dist/hover.js; after that a hover is one property read away from it.
 */
export function hoverStub(lazy: LazyFeatures, context: vscode.ExtensionContext): void {
  let provider: JwtHoverProvider | undefined;
  context.subscriptions.push(
    vscode.languages.registerHoverProvider('*', {
      provideHover: (document, position) => (provider ??= new (lazy.hover().JwtHoverProvider)(systemClock)).provideHover(document, position),
    }),
  );
}
