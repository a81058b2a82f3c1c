import * as vscode from 'vscode';
import { appendRecord, type RotationRecord } from '../core/sessions/rotationHistory';

/**
 * Rotation records per profile in globalState: they hold fingerprints and claim values, never tokens,
 * so they need no secret storage. Bounded; cleared on sign-out.
 */
export class HistoryStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  get(profile: string): readonly RotationRecord[] {
    return this.memento.get<RotationRecord[]>(key(profile), []);
  }

  async append(profile: string, record: RotationRecord): Promise<void> {
    await this.memento.update(key(profile), appendRecord(this.get(profile), record));
    this.changed.fire(profile);
  }

  async clear(profile: string): Promise<void> {
    await this.memento.update(key(profile), undefined);
    this.changed.fire(profile);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function key(profile: string): string {
  return `cognitoTokens.history.${profile}`;
}
