/**
 * A retrained model as stored with its version (table `model_artefacts`), so every engine
 * replica swaps in the same model and a process started later loads the one serving: the
 * snapshot's typed arrays as binary parts (their little-endian buffers, as the machine holds
 * them), each cut into chunks, and a small JSON part (`meta`) with the dimension, the video ids
 * and every part's length, which a load checks so a partial write never swaps in.
 */
import type { ModelSnapshot } from '@zhongcao/recsys';
import type { Db } from '../context.js';

/** The largest chunk stored in one row. */
export const ARTEFACT_CHUNK_BYTES = 1 << 20;

type ArrayPart =
  | 'vectors'
  | 'bias'
  | 'recency'
  | 'covisit.owners'
  | 'covisit.counts'
  | 'covisit.ids'
  | 'covisit.w'
  | 'choice';
export type ArtefactPart = 'meta' | ArrayPart;

interface ArtefactMeta {
  dim: number;
  items: string[];
  covisit: { rowCap: number; ref: number } | null;
  /** Byte length of every binary part. */
  bytes: Partial<Record<ArrayPart, number>>;
}

type Typed = Float32Array | Float64Array | Int32Array | Uint8Array;
const ARRAYS: Record<ArrayPart, { new (buffer: ArrayBuffer): Typed }> = {
  vectors: Float32Array,
  bias: Float32Array,
  recency: Float32Array,
  'covisit.owners': Int32Array,
  'covisit.counts': Uint8Array,
  'covisit.ids': Int32Array,
  'covisit.w': Float32Array,
  choice: Float64Array,
};

function partsOf(s: ModelSnapshot): Array<[ArrayPart, Typed]> {
  const parts: Array<[ArrayPart, Typed]> = [
    ['vectors', s.vectors],
    ['bias', s.bias],
    ['recency', s.recency],
  ];
  if (s.covisit)
    parts.push(
      ['covisit.owners', s.covisit.owners],
      ['covisit.counts', s.covisit.counts],
      ['covisit.ids', s.covisit.ids],
      ['covisit.w', s.covisit.w],
    );
  if (s.choice) parts.push(['choice', s.choice]);
  return parts;
}

const bytesOf = (a: Typed): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The rows of a snapshot: every part cut into chunks of at most `chunkBytes`. */
export function artefactRows(
  versionId: string,
  s: ModelSnapshot,
  chunkBytes = ARTEFACT_CHUNK_BYTES,
): Array<{ version_id: string; part: ArtefactPart; chunk: number; data: Buffer }> {
  const parts = partsOf(s);
  const meta: ArtefactMeta = {
    dim: s.dim,
    items: s.items,
    covisit: s.covisit ? { rowCap: s.covisit.rowCap, ref: s.covisit.ref } : null,
    bytes: Object.fromEntries(parts.map(([p, a]) => [p, a.byteLength])),
  };
  const rows: Array<{ version_id: string; part: ArtefactPart; chunk: number; data: Buffer }> = [];
  const cut = (part: ArtefactPart, data: Buffer): void => {
    for (let chunk = 0, at = 0; chunk === 0 || at < data.length; chunk++, at += chunkBytes)
      rows.push({ version_id: versionId, part, chunk, data: data.subarray(at, at + chunkBytes) });
  };
  cut('meta', Buffer.from(JSON.stringify(meta), 'utf8'));
  for (const [part, a] of parts) cut(part, bytesOf(a));
  return rows;
}

/** Stores a version's snapshot (in one transaction: all of it or none). Returns the bytes written. */
export async function storeArtefacts(
  db: Db,
  versionId: string,
  s: ModelSnapshot,
  chunkBytes = ARTEFACT_CHUNK_BYTES,
): Promise<number> {
  const rows = artefactRows(versionId, s, chunkBytes);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('model_artefacts').where('version_id', '=', versionId).execute();
    // A few rows per statement: each carries up to a chunk of bytes.
    for (let i = 0; i < rows.length; i += 8)
      await trx
        .insertInto('model_artefacts')
        .values(rows.slice(i, i + 8))
        .execute();
  });
  return rows.reduce((n, r) => n + r.data.length, 0);
}

/** A fresh, aligned copy of a part's bytes as its typed array. */
function arrayOf(part: ArrayPart, bytes: Buffer): Typed {
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return new ARRAYS[part](buffer);
}

/** The stored snapshot of a version; null when none is stored or it is incomplete. */
export async function loadArtefacts(db: Db, versionId: string): Promise<ModelSnapshot | null> {
  const rows = await db
    .selectFrom('model_artefacts')
    .select(['part', 'chunk', 'data'])
    .where('version_id', '=', versionId)
    .orderBy('part')
    .orderBy('chunk')
    .execute();
  const chunks = new Map<string, Buffer[]>();
  for (const r of rows) {
    const list = chunks.get(r.part) ?? [];
    if (list.length !== Number(r.chunk)) return null; // a chunk is missing
    list.push(Buffer.from(r.data));
    chunks.set(r.part, list);
  }
  const whole = (part: ArtefactPart): Buffer | null => {
    const list = chunks.get(part);
    return list ? Buffer.concat(list) : null;
  };
  const metaBytes = whole('meta');
  if (!metaBytes) return null;
  const meta = JSON.parse(metaBytes.toString('utf8')) as ArtefactMeta;
  const arrays = new Map<ArrayPart, Typed>();
  for (const [part, length] of Object.entries(meta.bytes) as Array<[ArrayPart, number]>) {
    const bytes = whole(part);
    if (!bytes || bytes.length !== length) return null;
    arrays.set(part, arrayOf(part, bytes));
  }
  const vectors = arrays.get('vectors') as Float32Array | undefined;
  const bias = arrays.get('bias') as Float32Array | undefined;
  const recency = arrays.get('recency') as Float32Array | undefined;
  if (!vectors || !bias || !recency || vectors.length !== meta.items.length * meta.dim) return null;
  const snapshot: ModelSnapshot = { dim: meta.dim, items: meta.items, vectors, bias, recency };
  if (meta.covisit) {
    const [owners, counts, ids, w] = (['covisit.owners', 'covisit.counts', 'covisit.ids', 'covisit.w'] as const).map(
      (p) => arrays.get(p),
    );
    if (!owners || !counts || !ids || !w) return null;
    snapshot.covisit = {
      rowCap: meta.covisit.rowCap,
      ref: meta.covisit.ref,
      owners: owners as Int32Array,
      counts: counts as Uint8Array,
      ids: ids as Int32Array,
      w: w as Float32Array,
    };
  }
  const choice = arrays.get('choice');
  if (choice) snapshot.choice = choice as Float64Array;
  return snapshot;
}

/** True when a snapshot is stored for the version. */
export async function hasArtefacts(db: Db, versionId: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('model_artefacts')
      .select('version_id')
      .where('version_id', '=', versionId)
      .where('part', '=', 'meta')
      .executeTakeFirst()) !== undefined
  );
}
