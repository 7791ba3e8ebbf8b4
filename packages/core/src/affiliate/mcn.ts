/**
 * MCN contracts: an MCN proposes a revenue share (of the creator's commission) for a period, the
 * creator accepts or declines; either side may end an active contract. A contract applies to
 * orders placed from its acceptance (or its start, if later) until it ends or expires; a creator
 * has at most one contract in force at a time. Changes never touch orders already placed:
 * each order line snapshots the MCN and share in force at checkout.
 */
import type { Actor, CoreContext } from '../context.js';
import { hasRole } from '../accounts/index.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import { MCN_MAX_PERIOD_MS, MCN_SHARE_RANGE } from './affiliate-rules.js';
import { displayNames, requireCreator, requireCreators, requireMcn } from './access.js';
import type { McnContractsTable } from '../storage/index.js';
import { CONTRACT_STATES } from './contract-states.js';

export interface ContractView {
  id: string;
  mcnId: string;
  mcnName: string;
  creatorId: string;
  creatorName: string;
  shareBp: number;
  startsAt: number;
  endsAt: number;
  status: string;
  /** In force now. */
  inForce: boolean;
  acceptedAt: number | null;
  effectiveAt: number | null;
  endedAt: number | null;
}

export async function proposeContract(
  ctx: CoreContext,
  actor: Actor,
  input: { creatorId: string; shareBp: number; startsAt?: number | undefined; endsAt: number },
): Promise<ContractView> {
  requireMcn(actor);
  if (input.creatorId === actor.userId) throw invalid('an MCN cannot sign itself', { field: 'creatorId' });
  if (
    !Number.isSafeInteger(input.shareBp) ||
    input.shareBp < MCN_SHARE_RANGE.min ||
    input.shareBp > MCN_SHARE_RANGE.max
  ) {
    throw new DomainError('SHARE_OUT_OF_RANGE', 'the MCN share must be 1–90 % of the creator’s commission', {
      shareBp: input.shareBp,
      minBp: MCN_SHARE_RANGE.min,
      maxBp: MCN_SHARE_RANGE.max,
    });
  }
  const now = ctx.clock.now();
  const startsAt = input.startsAt ?? now;
  if (
    !Number.isSafeInteger(startsAt) ||
    !Number.isSafeInteger(input.endsAt) ||
    input.endsAt <= startsAt ||
    input.endsAt <= now ||
    input.endsAt - startsAt > MCN_MAX_PERIOD_MS
  ) {
    throw new DomainError(
      'INVALID_PERIOD',
      'a contract ends after it starts, in the future, and lasts at most five years',
      { startsAt, endsAt: input.endsAt },
    );
  }
  await requireCreators(ctx.db, [input.creatorId]);
  const id = newId('mcnContract', now);
  await ctx.db
    .insertInto('mcn_contracts')
    .values({
      id,
      mcn_id: actor.userId,
      creator_id: input.creatorId,
      share_bp: input.shareBp,
      starts_at: startsAt,
      ends_at: input.endsAt,
      status: 'proposed',
      proposed_by: actor.userId,
      created_at: now,
      accepted_at: null,
      effective_at: null,
      ended_at: null,
      ended_by: null,
    })
    .execute();
  return (await contractViews(ctx, [id]))[0]!;
}

async function ownContract(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  side: 'creator' | 'either',
): Promise<McnContractsTable> {
  const row = await ctx.db.selectFrom('mcn_contracts').selectAll().where('id', '=', id).executeTakeFirst();
  const mine = row && (row.creator_id === actor.userId || (side === 'either' && row.mcn_id === actor.userId));
  if (!row || !mine) throw notFound('contract', id);
  return row;
}

/** A concurrent change moved the contract between the check and the update. */
const changedMeanwhile = (row: McnContractsTable): DomainError =>
  new DomainError('INVALID_TRANSITION', 'the contract changed meanwhile; try again', { from: row.status });

/** The creator accepts: in force from now (or its start); refused when another contract would overlap. */
export async function acceptContract(ctx: CoreContext, actor: Actor, id: string): Promise<ContractView> {
  requireCreator(actor);
  const row = await ownContract(ctx, actor, id, 'creator');
  const now = ctx.clock.now();
  const to = CONTRACT_STATES.assertTransition(row.status, 'accept', 'creator');
  if (Number(row.ends_at) <= now)
    throw new DomainError('CONTRACT_EXPIRED', 'this proposal’s period is over', { endsAt: row.ends_at });
  const effectiveAt = Math.max(Number(row.starts_at), now);
  await ctx.db.transaction().execute(async (tx) => {
    const others = await tx
      .selectFrom('mcn_contracts')
      .select(['id', 'effective_at', 'ends_at', 'ended_at'])
      .where('creator_id', '=', actor.userId)
      .where('status', '=', 'active')
      .where('id', '!=', id)
      .execute();
    const clash = others.find(
      (o) =>
        Number(o.effective_at) < Number(row.ends_at) &&
        effectiveAt < Math.min(Number(o.ends_at), o.ended_at === null ? Infinity : Number(o.ended_at)),
    );
    if (clash)
      throw new DomainError('MCN_CONTRACT_OVERLAP', 'another MCN contract is in force in this period; end it first', {
        contractId: clash.id,
      });
    const done = await tx
      .updateTable('mcn_contracts')
      .set({ status: to, accepted_at: now, effective_at: effectiveAt })
      .where('id', '=', id)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw changedMeanwhile(row);
  });
  return (await contractViews(ctx, [id]))[0]!;
}

export async function declineContract(ctx: CoreContext, actor: Actor, id: string): Promise<ContractView> {
  requireCreator(actor);
  const row = await ownContract(ctx, actor, id, 'creator');
  const to = CONTRACT_STATES.assertTransition(row.status, 'decline', 'creator');
  const done = await ctx.db
    .updateTable('mcn_contracts')
    .set({ status: to, ended_at: ctx.clock.now(), ended_by: actor.userId })
    .where('id', '=', id)
    .where('status', '=', row.status)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw changedMeanwhile(row);
  return (await contractViews(ctx, [id]))[0]!;
}

/** Either side ends an active contract (orders placed from now on carry no MCN share), or the MCN withdraws a proposal. */
export async function endContract(ctx: CoreContext, actor: Actor, id: string): Promise<ContractView> {
  const row = await ownContract(ctx, actor, id, 'either');
  const now = ctx.clock.now();
  const party = row.mcn_id === actor.userId ? 'mcn' : 'creator';
  // The MCN ending its own proposal withdraws it; anything else is the end of an active contract.
  const to = CONTRACT_STATES.assertTransition(
    row.status,
    row.status === 'proposed' && party === 'mcn' ? 'withdraw' : 'end',
    party,
  );
  const done = await ctx.db
    .updateTable('mcn_contracts')
    .set({ status: to, ended_at: now, ended_by: actor.userId })
    .where('id', '=', id)
    .where('status', '=', row.status)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) throw changedMeanwhile(row);
  return (await contractViews(ctx, [id]))[0]!;
}

/** Contracts of the caller, as MCN and as creator, newest first. */
export async function myContracts(ctx: CoreContext, actor: Actor): Promise<{ items: ContractView[] }> {
  if (!hasRole(actor, 'mcn') && !hasRole(actor, 'creator'))
    throw new DomainError('FORBIDDEN', 'this needs the mcn or creator role');
  const rows = await ctx.db
    .selectFrom('mcn_contracts')
    .select('id')
    .where((eb) => eb.or([eb('mcn_id', '=', actor.userId), eb('creator_id', '=', actor.userId)]))
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return {
    items: await contractViews(
      ctx,
      rows.map((r) => r.id),
    ),
  };
}

async function contractViews(ctx: CoreContext, ids: readonly string[]): Promise<ContractView[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('mcn_contracts')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  const names = await displayNames(
    ctx.db,
    rows.flatMap((r) => [r.mcn_id, r.creator_id]),
  );
  const now = ctx.clock.now();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const inForce =
      r.status !== 'proposed' &&
      r.status !== 'declined' &&
      r.effective_at !== null &&
      Number(r.effective_at) <= now &&
      now < Number(r.ends_at) &&
      (r.ended_at === null || now < Number(r.ended_at));
    return [
      {
        id: r.id,
        mcnId: r.mcn_id,
        mcnName: names.get(r.mcn_id) ?? '',
        creatorId: r.creator_id,
        creatorName: names.get(r.creator_id) ?? '',
        shareBp: Number(r.share_bp),
        startsAt: Number(r.starts_at),
        endsAt: Number(r.ends_at),
        status: r.status,
        inForce,
        acceptedAt: r.accepted_at === null ? null : Number(r.accepted_at),
        effectiveAt: r.effective_at === null ? null : Number(r.effective_at),
        endedAt: r.ended_at === null ? null : Number(r.ended_at),
      },
    ];
  });
}
