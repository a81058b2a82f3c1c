import type * as vscode from 'vscode';
import { appendRecord, type RotationRecord } from '../core/sessions/rotationHistory';
import type { HistoryLike } from '../core/sessions/sessionRepository';

/**
 * Rotation records per profile in globalState: they hold fingerprints and claim values, never tokens,
 * so they need no secret storage. Bounded; cleared on sign-out. Written only by the session repository,
 * whose change event also announces them.
 */
export class HistoryStore implements HistoryLike {
  constructor(private readonly memento: vscode.Memento) {}

  get(profile: string): readonly RotationRecord[] {
    const value = this.memento.get<unknown>(key(profile), []);
    return Array.isArray(value) ? (value as RotationRecord[]) : [];
  }

  async append(profile: string, record: RotationRecord): Promise<void> {
    await this.memento.update(key(profile), appendRecord(this.get(profile), record));
  }

  async clear(profile: string): Promise<void> {
    await this.memento.update(key(profile), undefined);
  }
}

function key(profile: string): string {
  return `cognitoTokens.history.${profile}`;
}
