/**
 * What the ledger paid for order lines: the sum of the entries that name a line (settlement and
 * its clawbacks), per line and account. Reports read these amounts as they are, never re-rounded.
 */
import type { Db } from '../context.js';

const CHUNK = 500;

/** Sums per line and account, keyed `${lineId}|${accountId}`; lines settled before entries named their line have none. */
export async function paidPerLine(
  db: Db,
  lineIds: readonly string[],
): Promise<{ amounts: Map<string, number>; lines: Set<string> }> {
  const amounts = new Map<string, number>();
  const lines = new Set<string>();
  for (let i = 0; i < lineIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['order_line_id', 'account_id', (eb) => eb.fn.sum<number | string>('amount_fen').as('fen')])
      .where('order_line_id', 'in', lineIds.slice(i, i + CHUNK))
      .groupBy(['order_line_id', 'account_id'])
      .execute();
    for (const r of rows) {
      if (r.order_line_id === null) continue;
      lines.add(r.order_line_id);
      amounts.set(`${r.order_line_id}|${r.account_id}`, Number(r.fen));
    }
  }
  return { amounts, lines };
}
