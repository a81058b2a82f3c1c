import type { Clock } from '../src/core/shared/clock';

/**
 * The layer's clock: real time plus an offset that tests move with POST /_local/clock, so grace periods
 * and expiry can be tested without sleeping. cognito-local keeps real time; the layer judges every
 * expiry (refresh tokens, access tokens, sessions) with this clock.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  get offset(): number {
    return this.offsetMs;
  }
}
