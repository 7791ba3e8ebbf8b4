/** Reading an order line's commission snapshot as the split rules want it. */
import type { LineRates } from './split-rules.js';

export interface LineMoneyRow {
  id: string;
  order_id: string;
  line_total_fen: number;
  refunded_fen: number;
  fee_rate_bp: number;
  creator_rate_bp: number;
  mcn_share_bp: number;
  colonel_fee_bp: number;
  attr_creator_id: string | null;
  mcn_id: string | null;
  colonel_id: string | null;
}

export const LINE_MONEY_COLUMNS = [
  'id',
  'order_id',
  'line_total_fen',
  'refunded_fen',
  'fee_rate_bp',
  'creator_rate_bp',
  'mcn_share_bp',
  'colonel_fee_bp',
  'attr_creator_id',
  'mcn_id',
  'colonel_id',
] as const;

/** A share with nobody to receive it is no share: it stays with the merchant. */
export function effectiveRates(l: LineMoneyRow): LineRates {
  const creatorRateBp = l.attr_creator_id ? Number(l.creator_rate_bp) : 0;
  return {
    feeRateBp: Number(l.fee_rate_bp),
    creatorRateBp,
    mcnShareBp: l.mcn_id && creatorRateBp > 0 ? Number(l.mcn_share_bp) : 0,
    colonelFeeBp: l.colonel_id ? Number(l.colonel_fee_bp) : 0,
  };
}
