/**
 * The wire format's numeric ids: order and after-sales ids are 19-digit strings, product, SKU and
 * shop ids are integers (kept below 2^53 so JavaScript clients read them exactly). Each internal
 * id gets one, derived from its creation time and a hash, stored on first use.
 */
import { createHash } from 'node:crypto';
import type { Db, Tx } from '../context.js';

export type OpenIdKind = 'order' | 'aftersale' | 'product' | 'sku' | 'shop' | 'category';

/** Leading digit and how many hash digits follow the 13 time digits. */
const SHAPE: Readonly<Record<OpenIdKind, { lead: string; tail: number }>> = {
  order: { lead: '6', tail: 5 }, // 19 digits
  aftersale: { lead: '7', tail: 5 }, // 19 digits
  product: { lead: '3', tail: 2 }, // 16 digits
  sku: { lead: '1', tail: 2 },
  shop: { lead: '2', tail: 2 },
  category: { lead: '4', tail: 2 },
};

const ULID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Milliseconds of a prefixed ULID (`ord_01h…`), or null when the id is not one. */
function ulidTime(id: string): number | null {
  const u = id.slice(id.indexOf('_') + 1, id.indexOf('_') + 11).toLowerCase();
  if (u.length !== 10) return null;
  let t = 0;
  for (const ch of u) {
    const v = ULID_ALPHABET.indexOf(ch);
    if (v < 0) return null;
    t = t * 32 + v;
  }
  return t;
}

/** The candidate number of an id on the n-th try (a collision moves to the next try). Pure. */
export function numberFor(kind: OpenIdKind, id: string, attempt = 0): string {
  const { lead, tail } = SHAPE[kind];
  const h = createHash('sha1').update(`${id}:${attempt}`).digest();
  const t = ulidTime(id);
  const time = t !== null && t < 1e13 && t >= 1e12 ? String(t) : String(h.readUIntBE(0, 6) % 1e13).padStart(13, '0');
  const hashDigits = String(h.readUInt32BE(8) % 10 ** tail).padStart(tail, '0');
  return `${lead}${time}${hashDigits}`;
}

/**
 * A number never changes once stored, so each process remembers the ones it has seen (per store,
 * per kind, both ways), bounded: the hot paths (listing orders) then read no id rows at all.
 */
const MEMO_LIMIT = 200_000;
interface Memo {
  toNum: Map<string, string>;
  toId: Map<string, string>;
}
const memos = new WeakMap<object, Map<OpenIdKind, Memo>>();
function memoOf(db: Db | Tx, kind: OpenIdKind): Memo {
  // A transaction gets its own memo (dropped with it), so a rolled-back assignment is never remembered.
  let byKind = memos.get(db);
  if (!byKind) memos.set(db, (byKind = new Map()));
  let m = byKind.get(kind);
  if (!m) byKind.set(kind, (m = { toNum: new Map(), toId: new Map() }));
  return m;
}
function remember(m: Memo, id: string, num: string): void {
  if (m.toNum.size >= MEMO_LIMIT) {
    m.toNum.clear();
    m.toId.clear();
  }
  m.toNum.set(id, num);
  m.toId.set(num, id);
}

/** The numbers of these internal ids, assigning any missing ones. */
export async function openIdsOf(db: Db | Tx, kind: OpenIdKind, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const memo = memoOf(db, kind);
  const unique = [...new Set(ids)].filter((id) => {
    const known = memo.toNum.get(id);
    if (known !== undefined) out.set(id, known);
    return known === undefined;
  });
  if (unique.length === 0) return out;
  const fromStore = await storedOrAssigned(db, kind, unique);
  for (const [id, num] of fromStore) {
    out.set(id, num);
    remember(memo, id, num);
  }
  return out;
}

async function storedOrAssigned(db: Db | Tx, kind: OpenIdKind, unique: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('open_ids')
      .select(['internal_id', 'num_id'])
      .where('kind', '=', kind)
      .where('internal_id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.internal_id, r.num_id);
  }
  let missing = unique.filter((id) => !out.has(id));
  for (let attempt = 0; missing.length > 0 && attempt < 20; attempt++) {
    // A number already taken (or a concurrent writer) makes the row insert nothing; the next try uses another hash.
    await db
      .insertInto('open_ids')
      .values(missing.map((id) => ({ kind, internal_id: id, num_id: numberFor(kind, id, attempt) })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    const rows = await db
      .selectFrom('open_ids')
      .select(['internal_id', 'num_id'])
      .where('kind', '=', kind)
      .where('internal_id', 'in', missing)
      .execute();
    for (const r of rows) out.set(r.internal_id, r.num_id);
    missing = missing.filter((id) => !out.has(id));
  }
  return out;
}

export async function openIdOf(db: Db | Tx, kind: OpenIdKind, id: string): Promise<string> {
  return (await openIdsOf(db, kind, [id])).get(id)!;
}

/** The internal id a number stands for, or null. */
export async function internalIdOf(db: Db | Tx, kind: OpenIdKind, num: string | number): Promise<string | null> {
  const memo = memoOf(db, kind);
  const known = memo.toId.get(String(num));
  if (known !== undefined) return known;
  const r = await db
    .selectFrom('open_ids')
    .select('internal_id')
    .where('kind', '=', kind)
    .where('num_id', '=', String(num))
    .executeTakeFirst();
  if (r) remember(memo, r.internal_id, String(num));
  return r?.internal_id ?? null;
}
