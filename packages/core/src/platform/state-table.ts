/**
 * One shape for every state machine: a table of allowed transitions `{ from, action, to, who }`
 * (in this state, these parties may take this action, and the thing moves to that state). The
 * checks a command makes and the actions a screen offers are both read from the table, so they
 * cannot disagree. Pure.
 */
import { DomainError, type ErrorCode } from './errors.js';

export interface Transition<S extends string, A extends string, W extends string> {
  from: S;
  action: A;
  to: S;
  who: readonly W[];
}

export interface StateTable<S extends string, A extends string, W extends string> {
  readonly rows: readonly Transition<S, A, W>[];
  /** The state `action` leads to from `from` when `who` takes it, or null when the table does not allow it. */
  next(from: string, action: A, who: W): S | null;
  canTransition(from: string, action: A, who: W): boolean;
  /** The state the action leads to; throws the table's stable error (INVALID_TRANSITION unless told) when it is not allowed. */
  assertTransition(from: string, action: A, who: W): S;
  /** The actions `who` may take in `state`, in table order, without repeats. */
  allowedActions(state: string, who: W): A[];
  /** The states `who` may take `action` from: the guard of a conditional update (`where status in …`). */
  sourcesOf(action: A, who: W): S[];
  /** For callers that name the target state: may `who` move the thing from `from` to `to`? */
  canMove(from: string, to: S, who: W): boolean;
  /** The same, throwing the table's error. */
  assertMove(from: string, to: S, who: W): void;
}

/**
 * Builds the checks of a state machine from its table. `what` names the thing in messages ("a
 * paid order cannot ship (by buyer)"); `code` is the refusal's error code.
 */
export function stateTable<S extends string, A extends string, W extends string>(
  what: string,
  rows: readonly Transition<S, A, W>[],
  code: ErrorCode = 'INVALID_TRANSITION',
): StateTable<S, A, W> {
  const find = (from: string, action: string, who: W) =>
    rows.find((r) => r.from === from && r.action === action && r.who.includes(who));
  return {
    rows,
    next: (from, action, who) => find(from, action, who)?.to ?? null,
    canTransition: (from, action, who) => find(from, action, who) !== undefined,
    assertTransition(from, action, who) {
      const row = find(from, action, who);
      if (!row)
        throw new DomainError(code, `a ${from} ${what} cannot ${action} (by ${who})`, { from, action, by: who });
      return row.to;
    },
    allowedActions(state, who) {
      const out: A[] = [];
      for (const r of rows) if (r.from === state && r.who.includes(who) && !out.includes(r.action)) out.push(r.action);
      return out;
    },
    sourcesOf: (action, who) => [
      ...new Set(rows.filter((r) => r.action === action && r.who.includes(who)).map((r) => r.from)),
    ],
    canMove: (from, to, who) => rows.some((r) => r.from === from && r.to === to && r.who.includes(who)),
    assertMove(from, to, who) {
      if (!rows.some((r) => r.from === from && r.to === to && r.who.includes(who))) {
        throw new DomainError(code, `a ${from} ${what} cannot become ${to} (by ${who})`, { from, to, by: who });
      }
    },
  };
}
