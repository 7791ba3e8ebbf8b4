/**
 * Many sessions resolved with one statement: when thousands of signed-in requests arrive at once
 * (a flash sale opening), a statement per request would queue each one behind the others for a
 * database connection; the server gathers the tokens that arrive together and asks once.
 */
import type { CoreContext } from '../context.js';
import { hashToken, sessionOf, sessionRows, type AuthenticatedSession, type SessionRow } from './accounts.js';

/** Each token's session, or null when unknown, revoked or expired (the same answer as authenticate). */
export async function authenticateMany(
  ctx: CoreContext,
  tokens: readonly string[],
): Promise<Map<string, AuthenticatedSession | null>> {
  const out = new Map<string, AuthenticatedSession | null>();
  if (tokens.length === 0) return out;
  const byHash = new Map<string, string>();
  for (const t of tokens) byHash.set(hashToken(t), t);
  const hashes = [...byHash.keys()];
  const rows = await sessionRows(ctx.db, hashes).execute();
  const rowsOf = new Map<string, SessionRow[]>();
  for (const r of rows) {
    const list = rowsOf.get(r.h);
    if (list) list.push(r);
    else rowsOf.set(r.h, [r]);
  }
  const now = ctx.clock.now();
  for (const [h, token] of byHash) out.set(token, sessionOf(rowsOf.get(h) ?? [], now));
  return out;
}
