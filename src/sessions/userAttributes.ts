import * as vscode from 'vscode';
import type { SessionRepository } from './sessionRepository';

/** What GetUser last returned for a profile (memory only; dropped when the profile's session changes). */
export interface UserAttributes {
  readonly username: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly at: number;
}

export class UserAttributesCache implements vscode.Disposable {
  private readonly users = new Map<string, UserAttributes>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(repository: SessionRepository) {
    // Attributes belong to the signed-in user: a sign-out or a new sign-in makes them stale.
    this.subscription = repository.onDidChange((profile) => {
      void repository.current(profile).then(
        (session) => {
          const user = this.users.get(profile);
          if (user && session?.username !== user.username) this.users.delete(profile);
        },
        () => undefined,
      );
    });
  }

  get(profile: string): UserAttributes | undefined {
    return this.users.get(profile);
  }

  set(profile: string, user: UserAttributes): void {
    this.users.set(profile, user);
    this.changed.fire(profile);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
