/** Wires logistics into a core: the carriers it talks to and the sandbox carrier's scan timer. */
import type { CoreContext } from '../context.js';
import type { TimerRegistry } from '../timers/index.js';
import type { Carrier } from './carrier.js';
import { registerSandboxCarrier, SandboxCarrier } from './sandbox-carrier.js';

const installed = new WeakMap<TimerRegistry, ReadonlyMap<string, Carrier>>();

/**
 * Idempotent per core: registers the scan timer once and returns the carriers by name — the
 * sandbox's and those a deployment adds (the core's strategies). A name used twice is refused.
 */
export function installLogistics(
  core: { ctx: CoreContext; timers: TimerRegistry; sandboxSecret: string },
  extra: readonly Carrier[] = [],
): ReadonlyMap<string, Carrier> {
  const known = installed.get(core.timers);
  if (known) return known;
  registerSandboxCarrier(core.timers, () => core.ctx.payments.baseUrl());
  const carriers = new Map<string, Carrier>([['sandbox', new SandboxCarrier(core.sandboxSecret)]]);
  for (const c of extra) {
    if (carriers.has(c.name)) throw new Error(`two carriers are named ${c.name}`);
    carriers.set(c.name, c);
  }
  installed.set(core.timers, carriers);
  return carriers;
}
