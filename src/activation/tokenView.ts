import * as vscode from 'vscode';
import type { LazyFeatures } from './lazyFeatures';
import type { TokenTreeNode } from '../tree/tokenTreeProvider';
import { TOKENS_VIEW_ID } from '../contract';

/**
 * The Cognito view exists from activation (VS Code asks its provider as soon as it shows); its rows come
 * from dist/features.js, which the first request starts. Until then nothing can have changed them.
 */
export function tokenView(lazy: LazyFeatures, context: vscode.ExtensionContext): void {
  const changed = new vscode.EventEmitter<TokenTreeNode | undefined>();
  const provider: vscode.TreeDataProvider<TokenTreeNode> = {
    onDidChangeTreeData: changed.event,
    getChildren: (node) => lazy.features().tree.getChildren(node),
    getTreeItem: (node) => lazy.features().tree.getTreeItem(node),
  };
  const view = vscode.window.createTreeView(TOKENS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  lazy.whenFeatures({
    after: ({ tree }) => {
      context.subscriptions.push(tree.onDidChangeTreeData((node) => changed.fire(node)));
      tree.attach(view);
    },
  });
  context.subscriptions.push(view, changed);
}
