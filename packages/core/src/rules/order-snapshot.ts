/** The rules an order was sold under, read back from its snapshot. */
import type { Tx } from '../context.js';
import { DEFAULT_RULES, profileFromStored, type RuleProfile } from './profile.js';

export function parseOrderRules(text: string | null | undefined): RuleProfile {
  try {
    const v: unknown = JSON.parse(text ?? '{}');
    return profileFromStored(v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  } catch {
    return { ...DEFAULT_RULES, lateShipment: { ...DEFAULT_RULES.lateShipment } };
  }
}

export async function loadOrderRules(tx: Tx, orderId: string): Promise<RuleProfile> {
  const row = await tx.selectFrom('orders').select('rules').where('id', '=', orderId).executeTakeFirst();
  return parseOrderRules(row?.rules);
}
