/** The only source of "now" in domain code: inject a Clock, never call Date.now() directly. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can move: jump 48 hours in a millisecond. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 10, 23, 2, 0, 0)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}
