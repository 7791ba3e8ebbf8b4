/**
 * The `user item` interactions format of the published sequential-recommendation sets: one
 * pair per line, separated by white space, each person's lines in time order. People and items
 * are mapped to dense indices in order of first appearance; each person's items are kept in
 * line order in compressed rows: person u's sequence is items[offsets[u] .. offsets[u + 1]).
 */
import { readFile } from 'node:fs/promises';

export interface Interactions {
  numUsers: number;
  numItems: number;
  /** Original id of each person index. */
  userIds: string[];
  /** Original id of each item index. */
  itemIds: string[];
  offsets: Int32Array;
  items: Int32Array;
}

/** A line that is not a `user item` pair; the message names the line. */
export class DatasetFormatError extends Error {
  constructor(
    readonly line: number,
    text: string,
  ) {
    super(
      `line ${line} is not a "user item" pair: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`,
    );
    this.name = 'DatasetFormatError';
  }
}

export function parseInteractions(text: string): Interactions {
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const owners: number[] = [];
  const itemsInLineOrder: number[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    const parts = line.split(/\s+/);
    if (parts.length !== 2) throw new DatasetFormatError(n + 1, line);
    const [user, item] = parts as [string, string];
    let u = userIndex.get(user);
    if (u === undefined) {
      u = userIds.length;
      userIndex.set(user, u);
      userIds.push(user);
    }
    let i = itemIndex.get(item);
    if (i === undefined) {
      i = itemIds.length;
      itemIndex.set(item, i);
      itemIds.push(item);
    }
    owners.push(u);
    itemsInLineOrder.push(i);
  }
  const numUsers = userIds.length;
  const offsets = new Int32Array(numUsers + 1);
  for (const u of owners) offsets[u + 1]!++;
  for (let u = 0; u < numUsers; u++) offsets[u + 1]! += offsets[u]!;
  const cursor = offsets.slice(0, numUsers);
  const items = new Int32Array(owners.length);
  // Stable placement keeps each person's items in line (time) order even if lines interleave.
  for (let k = 0; k < owners.length; k++) items[cursor[owners[k]!]!++] = itemsInLineOrder[k]!;
  return { numUsers, numItems: itemIds.length, userIds, itemIds, offsets, items };
}

export async function readInteractions(path: string): Promise<Interactions> {
  return parseInteractions(await readFile(path, 'utf8'));
}

/** Person u's sequence (a view, not a copy). */
export function sequenceOf(rows: { offsets: Int32Array; items: Int32Array }, u: number): Int32Array {
  return rows.items.subarray(rows.offsets[u]!, rows.offsets[u + 1]!);
}
