/**
 * What one process holds for one store, in one object: the live rooms' sale desks and figures, the
 * recommend service, the engine's remote client, caches of feed cards, viewers' marks and the rule
 * book, signal listeners, installation keys, how other threads reach the store. Each module declares
 * its part once (`runtimePart`), typed; the part is made on first use and lives as long as the store.
 *
 * The runtime is built when the store is opened (`openStorage` → `createRuntime`) and put on the
 * core's context (`ctx.runtime`); `Core.close` disposes it, which runs the parts' disposers. Code
 * that holds only the store handle reaches the same object through `runtimeOf(db)`: the one place
 * that maps a store to its runtime. What a process holds can be listed (`parts()`), so a new
 * module-level registry is a review question, not a hidden singleton.
 */

/** A part of the runtime: made from the store handle `S` (the core's `Db`) on first use. */
export interface RuntimePart<T, S extends object = object> {
  readonly name: string;
  readonly create: (db: S) => T;
  readonly dispose?: (value: T) => void | Promise<void>;
}

const names = new Set<string>();

/** Declares a part of the runtime; one declaration per name in the whole program. */
export function runtimePart<T, S extends object = object>(
  name: string,
  create: (db: S) => T,
  dispose?: (value: T) => void | Promise<void>,
): RuntimePart<T, S> {
  if (names.has(name)) throw new Error(`runtime part ${name} is declared twice`);
  names.add(name);
  return dispose ? { name, create, dispose } : { name, create };
}

type AnyPart = RuntimePart<unknown, never>;

export class Runtime<S extends object = object> {
  private readonly values = new Map<AnyPart, unknown>();
  constructor(private readonly db: S) {}

  /** The part's value, made on first use. */
  use<T>(part: RuntimePart<T, S>): T {
    const key = part as unknown as AnyPart;
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = part.create(this.db);
    this.values.set(key, value);
    return value;
  }

  /** The part's value if it was made, else undefined. */
  peek<T>(part: RuntimePart<T, S>): T | undefined {
    return this.values.get(part as unknown as AnyPart) as T | undefined;
  }

  set<T>(part: RuntimePart<T, S>, value: T): void {
    this.values.set(part as unknown as AnyPart, value);
  }

  /** Forgets the part (made again on next use); its disposer is not run. */
  forget<T>(part: RuntimePart<T, S>): void {
    this.values.delete(part as unknown as AnyPart);
  }

  /** The names of the parts this process holds now. */
  parts(): string[] {
    return [...this.values.keys()].map((p) => p.name).sort();
  }

  /** Runs every part's disposer (a failing one does not stop the others) and forgets them all. */
  async dispose(): Promise<void> {
    const held = [...this.values.entries()];
    this.values.clear();
    for (const [part, value] of held) {
      try {
        await (part.dispose as ((v: unknown) => void | Promise<void>) | undefined)?.(value);
      } catch {
        // disposal is best effort: the process is closing the store
      }
    }
  }
}

const byStore = new WeakMap<object, Runtime<object>>();

/** Builds the runtime of a store being opened (once; a second call returns the same object). */
export function createRuntime<S extends object>(db: S): Runtime<S> {
  return runtimeOf(db);
}

/** The runtime of the store behind this handle (made here for handles not opened by openStorage, e.g. in tools). */
export function runtimeOf<S extends object>(db: S): Runtime<S> {
  let r = byStore.get(db) as Runtime<S> | undefined;
  if (!r) {
    r = new Runtime(db);
    byStore.set(db, r as Runtime<object>);
  }
  return r;
}
