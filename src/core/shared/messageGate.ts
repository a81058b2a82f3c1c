/**
 * Whether a repeating failure is worth telling the user again: once per key until its text changes or the
 * failure clears. A locked keyring polled by the tree and the status bar every 15–30 s gives one message.
 */
export class MessageGate {
  private readonly shown = new Map<string, string>();

  /** True the first time `message` is reported under `key` (or when it differs from the last one). */
  shouldShow(key: string, message: string): boolean {
    if (this.shown.get(key) === message) return false;
    this.shown.set(key, message);
    return true;
  }

  /** The failure is over: the next one under `key` is news again. */
  clear(key: string): void {
    this.shown.delete(key);
  }
}
