/**
 * Buyer reviews (商品评价): a buyer rates each line of a completed order once within the window,
 * may add one follow-up (追评), and the shop may reply once. Texts pass the rule book's gate
 * before the transaction (reject → 422 CONTENT_REJECTED, nothing written; review and warn hits are
 * stored with the review as flags). Each command is one transaction: the review, its photos, the
 * product's figures and the outbox event commit together or not at all.
 */
import type { Actor, CoreContext, Db, Tx } from '../context.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import { enforceContent, type FieldHit } from '../governance/index.js';
import { imageUrl } from '../catalog/index.js';
import {
  canFollowUp,
  canReply,
  canReview,
  decodeReviewCursor,
  encodeReviewCursor,
  maskReviewerName,
  reviewDeadline,
  statsDelta,
  summarizeReviews,
  validStars,
  BAD_MAX_STARS,
  FOLLOWUP_WINDOW_MS,
  GOOD_MIN_STARS,
  MAX_REVIEW_PHOTOS,
  MAX_REVIEW_TEXT,
  REVIEWS_PAGE_MAX,
  type ReviewFilter,
  type ReviewSummary,
  type Stars,
  type Verdict,
} from './review-rules.js';
import { emitReviewEvent } from './review-events.js';

export interface ReviewInput {
  productStars: number;
  logisticsStars: number;
  serviceStars: number;
  text?: string | undefined;
  photoIds?: readonly string[] | undefined;
}

export interface ReviewFlag {
  part: 'review' | 'followup' | 'reply';
  term: string;
  severity: string;
  rule: string;
  start: number;
  end: number;
}

export interface ReviewView {
  id: string;
  orderId: string;
  orderLineId: string;
  productId: string;
  shopId: string;
  specValues: string[];
  stars: Stars;
  text: string;
  photos: string[];
  createdAt: number;
  /** The reviewer as others see them (张***). */
  reviewer: string;
  followUp: { text: string; photos: string[]; at: number } | null;
  reply: { text: string; at: number } | null;
}

/** The buyer's and the shop's view: the product, the rule book's flags and what may still be done. */
export interface OwnReviewView extends ReviewView {
  product: { id: string; title: string; imageUrl: string | null };
  flags: ReviewFlag[];
  canFollowUp: boolean;
  followUpDeadline: number;
  canReply: boolean;
}

export interface LineReviewState {
  orderLineId: string;
  reviewId: string | null;
  canReview: boolean;
  /** Until when the line may be reviewed (null while the order is not completed). */
  deadline: number | null;
  canFollowUp: boolean;
}

const fail = (v: Verdict): never => {
  if (v.ok) throw new Error('not a failure');
  throw new DomainError(v.code, messages[v.code], v.details);
};

const messages = {
  REVIEW_EXISTS: 'this line has already been reviewed',
  ORDER_NOT_COMPLETED: 'only the lines of a completed order can be reviewed',
  REVIEW_WINDOW_CLOSED: 'the time to review this line has passed',
  FOLLOWUP_EXISTS: 'this review already has its follow-up',
  FOLLOWUP_WINDOW_CLOSED: 'the time to add a follow-up has passed',
  REPLY_EXISTS: 'the shop has already replied to this review',
  REVIEW_PHOTO_UNAVAILABLE: 'a photo is not one of your unused uploads',
} as const;

function checkText(text: string, field: string, required: boolean): string {
  const t = text.trim();
  if (required && t.length === 0) throw invalid(`${field} must not be empty`, { field });
  if ([...t].length > MAX_REVIEW_TEXT) throw invalid(`${field} is at most ${MAX_REVIEW_TEXT} characters`, { field });
  return t;
}

function checkPhotoIds(ids: readonly string[] | undefined): string[] {
  const list = [...(ids ?? [])];
  if (list.length > MAX_REVIEW_PHOTOS)
    throw invalid(`at most ${MAX_REVIEW_PHOTOS} photos`, { field: 'photoIds', limit: MAX_REVIEW_PHOTOS });
  if (new Set(list).size !== list.length) throw invalid('a photo is listed twice', { field: 'photoIds' });
  return list;
}

const flagsOf = (part: ReviewFlag['part'], hits: readonly FieldHit[]): ReviewFlag[] =>
  hits.map((h) => ({ part, term: h.term, severity: h.severity, rule: h.rule, start: h.start, end: h.end }));

/** Attaches the buyer's unused uploads, in the given order; any other id fails the whole command. */
async function attachPhotos(
  tx: Tx,
  actor: Actor,
  reviewId: string,
  part: 'review' | 'followup',
  ids: readonly string[],
): Promise<void> {
  for (const [i, id] of ids.entries()) {
    const res = await tx
      .updateTable('review_photos')
      .set({ review_id: reviewId, part, sort: i })
      .where('id', '=', id)
      .where('uploader_id', '=', actor.userId)
      .where('review_id', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      throw new DomainError('REVIEW_PHOTO_UNAVAILABLE', messages.REVIEW_PHOTO_UNAVAILABLE, { field: 'photoIds', id });
  }
}

/** Reviews a line of the buyer's completed order. Someone else's line answers like an unknown one (404). */
export async function createReview(
  ctx: CoreContext,
  actor: Actor,
  orderLineId: string,
  input: ReviewInput,
): Promise<OwnReviewView> {
  for (const k of ['productStars', 'logisticsStars', 'serviceStars'] as const)
    if (!validStars(input[k])) throw invalid(`${k} must be a whole number of stars from 1 to 5`, { field: k });
  const text = checkText(input.text ?? '', 'text', false);
  const photoIds = checkPhotoIds(input.photoIds);
  // Existence, ownership and the window first, so a stranger learns nothing from the rule book's answer.
  await reviewableLine(ctx.db, actor, orderLineId, ctx.clock.now());
  const hits = text ? await enforceContent(ctx, [{ field: 'text', text }]) : [];
  const reviewId = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const line = await reviewableLine(tx, actor, orderLineId, now);
    const id = newId('review', now);
    const stars: Stars = { product: input.productStars, logistics: input.logisticsStars, service: input.serviceStars };
    const hasPhotos = photoIds.length > 0;
    const inserted = await tx
      .insertInto('reviews')
      .values({
        id,
        order_id: line.order_id,
        order_line_id: line.id,
        product_id: line.product_id,
        sku_id: line.sku_id,
        shop_id: line.shop_id,
        buyer_id: actor.userId,
        spec_values: line.spec_values,
        product_stars: stars.product,
        logistics_stars: stars.logistics,
        service_stars: stars.service,
        text,
        flags: JSON.stringify(flagsOf('review', hits)),
        has_photos: hasPhotos ? 1 : 0,
        created_at: now,
        followup_text: null,
        followup_flags: null,
        followup_at: null,
        reply_text: null,
        reply_flags: null,
        reply_by: null,
        reply_at: null,
      })
      .onConflict((oc) => oc.column('order_line_id').doNothing())
      .returning('id')
      .execute();
    if (inserted.length !== 1) throw new DomainError('REVIEW_EXISTS', messages.REVIEW_EXISTS, { orderLineId });
    await attachPhotos(tx, actor, id, 'review', photoIds);
    const d = statsDelta(stars, hasPhotos);
    await tx
      .insertInto('product_review_stats')
      .values({
        product_id: line.product_id,
        shop_id: line.shop_id,
        reviews: 0,
        product_star_sum: 0,
        logistics_star_sum: 0,
        service_star_sum: 0,
        good: 0,
        bad: 0,
        with_photos: 0,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('product_id').doNothing())
      .execute();
    await tx
      .updateTable('product_review_stats')
      .set((eb) => ({
        reviews: eb('reviews', '+', d.reviews),
        product_star_sum: eb('product_star_sum', '+', d.productStarSum),
        logistics_star_sum: eb('logistics_star_sum', '+', d.logisticsStarSum),
        service_star_sum: eb('service_star_sum', '+', d.serviceStarSum),
        good: eb('good', '+', d.good),
        bad: eb('bad', '+', d.bad),
        with_photos: eb('with_photos', '+', d.withPhotos),
        updated_at: now,
      }))
      .where('product_id', '=', line.product_id)
      .execute();
    await emitReviewEvent(
      tx,
      {
        topic: 'review.created',
        payload: {
          reviewId: id,
          orderId: line.order_id,
          orderLineId: line.id,
          productId: line.product_id,
          shopId: line.shop_id,
          buyerId: actor.userId,
          productStars: stars.product,
          logisticsStars: stars.logistics,
          serviceStars: stars.service,
          hasPhotos,
          flagged: hits.length > 0,
          at: now,
        },
      },
      now,
    );
    return id;
  });
  return ownReview(ctx.db, actor, reviewId, ctx.clock.now());
}

async function reviewableLine(db: Db | Tx, actor: Actor, orderLineId: string, now: number) {
  const line = await db
    .selectFrom('order_lines as l')
    .innerJoin('orders as o', 'o.id', 'l.order_id')
    .select([
      'l.id',
      'l.order_id',
      'l.product_id',
      'l.sku_id',
      'l.shop_id',
      'l.spec_values',
      'o.buyer_id',
      'o.status',
      'o.completed_at',
    ])
    .where('l.id', '=', orderLineId)
    .executeTakeFirst();
  if (!line || line.buyer_id !== actor.userId) throw notFound('order line', orderLineId);
  const exists = await db
    .selectFrom('reviews')
    .select('id')
    .where('order_line_id', '=', orderLineId)
    .executeTakeFirst();
  if (exists) throw new DomainError('REVIEW_EXISTS', messages.REVIEW_EXISTS, { orderLineId, reviewId: exists.id });
  const v = canReview(
    { status: line.status, completedAt: line.completed_at === null ? null : Number(line.completed_at) },
    now,
  );
  if (!v.ok) fail(v);
  return line;
}

/** The buyer's one follow-up (追评), with up to six more photos. */
export async function addFollowUp(
  ctx: CoreContext,
  actor: Actor,
  reviewId: string,
  input: { text: string; photoIds?: readonly string[] | undefined },
): Promise<OwnReviewView> {
  const text = checkText(input.text, 'text', true);
  const photoIds = checkPhotoIds(input.photoIds);
  const mine = async (db: Db | Tx) => {
    const r = await db
      .selectFrom('reviews')
      .select(['id', 'buyer_id', 'product_id', 'shop_id', 'created_at', 'followup_at'])
      .where('id', '=', reviewId)
      .executeTakeFirst();
    if (!r || r.buyer_id !== actor.userId) throw notFound('review', reviewId);
    const v = canFollowUp(
      { createdAt: Number(r.created_at), followupAt: r.followup_at === null ? null : Number(r.followup_at) },
      ctx.clock.now(),
    );
    if (!v.ok) fail(v);
    return r;
  };
  await mine(ctx.db);
  const hits = await enforceContent(ctx, [{ field: 'text', text }]);
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const r = await mine(tx);
    const res = await tx
      .updateTable('reviews')
      .set({ followup_text: text, followup_flags: JSON.stringify(flagsOf('followup', hits)), followup_at: now })
      .where('id', '=', reviewId)
      .where('followup_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError('FOLLOWUP_EXISTS', messages.FOLLOWUP_EXISTS);
    await attachPhotos(tx, actor, reviewId, 'followup', photoIds);
    await emitReviewEvent(
      tx,
      { topic: 'review.followed_up', payload: { reviewId, productId: r.product_id, shopId: r.shop_id, at: now } },
      now,
    );
  });
  return ownReview(ctx.db, actor, reviewId, ctx.clock.now());
}

/** The shop's one reply (商家回复), by its owner or staff. Another shop's review answers 404. */
export async function replyToReview(
  ctx: CoreContext,
  actor: Actor,
  reviewId: string,
  input: { text: string },
): Promise<OwnReviewView> {
  const text = checkText(input.text, 'text', true);
  const theirs = async (db: Db | Tx) => {
    const r = await db
      .selectFrom('reviews')
      .select(['id', 'product_id', 'shop_id', 'reply_at'])
      .where('id', '=', reviewId)
      .executeTakeFirst();
    if (!r || !actor.shops.has(r.shop_id)) throw notFound('review', reviewId);
    const v = canReply({ replyAt: r.reply_at === null ? null : Number(r.reply_at) });
    if (!v.ok) fail(v);
    return r;
  };
  await theirs(ctx.db);
  const hits = await enforceContent(ctx, [{ field: 'text', text }]);
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const r = await theirs(tx);
    const res = await tx
      .updateTable('reviews')
      .set({
        reply_text: text,
        reply_flags: JSON.stringify(flagsOf('reply', hits)),
        reply_by: actor.userId,
        reply_at: now,
      })
      .where('id', '=', reviewId)
      .where('reply_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError('REPLY_EXISTS', messages.REPLY_EXISTS);
    await emitReviewEvent(
      tx,
      {
        topic: 'review.replied',
        payload: { reviewId, productId: r.product_id, shopId: r.shop_id, repliedBy: actor.userId, at: now },
      },
      now,
    );
  });
  return ownReview(ctx.db, actor, reviewId, ctx.clock.now());
}

// ---------------------------------------------------------------- reads

type ReviewRow = {
  id: string;
  order_id: string;
  order_line_id: string;
  product_id: string;
  shop_id: string;
  buyer_id: string;
  spec_values: string;
  product_stars: number;
  logistics_stars: number;
  service_stars: number;
  text: string;
  flags: string;
  has_photos: number;
  created_at: number;
  followup_text: string | null;
  followup_flags: string | null;
  followup_at: number | null;
  reply_text: string | null;
  reply_flags: string | null;
  reply_at: number | null;
  reviewer_name: string;
};

function reviewQuery(db: Db) {
  return db
    .selectFrom('reviews as r')
    .innerJoin('users as u', 'u.id', 'r.buyer_id')
    .select([
      'r.id',
      'r.order_id',
      'r.order_line_id',
      'r.product_id',
      'r.shop_id',
      'r.buyer_id',
      'r.spec_values',
      'r.product_stars',
      'r.logistics_stars',
      'r.service_stars',
      'r.text',
      'r.flags',
      'r.has_photos',
      'r.created_at',
      'r.followup_text',
      'r.followup_flags',
      'r.followup_at',
      'r.reply_text',
      'r.reply_flags',
      'r.reply_at',
      'u.display_name as reviewer_name',
    ]);
}

async function photosOf(
  db: Db,
  reviewIds: readonly string[],
): Promise<Map<string, { review: string[]; followup: string[] }>> {
  const out = new Map<string, { review: string[]; followup: string[] }>();
  if (reviewIds.length === 0) return out;
  const rows = await db
    .selectFrom('review_photos')
    .select(['review_id', 'part', 'file_name'])
    .where('review_id', 'in', [...reviewIds])
    .orderBy('review_id')
    .orderBy('part')
    .orderBy('sort')
    .execute();
  for (const p of rows) {
    const e = out.get(p.review_id!) ?? { review: [], followup: [] };
    (p.part === 'followup' ? e.followup : e.review).push(imageUrl(p.file_name));
    out.set(p.review_id!, e);
  }
  return out;
}

function toView(r: ReviewRow, photos: { review: string[]; followup: string[] } | undefined): ReviewView {
  return {
    id: r.id,
    orderId: r.order_id,
    orderLineId: r.order_line_id,
    productId: r.product_id,
    shopId: r.shop_id,
    specValues: JSON.parse(r.spec_values) as string[],
    stars: { product: Number(r.product_stars), logistics: Number(r.logistics_stars), service: Number(r.service_stars) },
    text: r.text,
    photos: photos?.review ?? [],
    createdAt: Number(r.created_at),
    reviewer: maskReviewerName(r.reviewer_name),
    followUp:
      r.followup_at === null
        ? null
        : { text: r.followup_text ?? '', photos: photos?.followup ?? [], at: Number(r.followup_at) },
    reply: r.reply_at === null ? null : { text: r.reply_text ?? '', at: Number(r.reply_at) },
  };
}

async function ownViews(db: Db, rows: ReviewRow[], now: number, actor: Actor): Promise<OwnReviewView[]> {
  const photos = await photosOf(
    db,
    rows.map((r) => r.id),
  );
  const productIds = [...new Set(rows.map((r) => r.product_id))];
  const products = productIds.length
    ? await db.selectFrom('products').select(['id', 'title']).where('id', 'in', productIds).execute()
    : [];
  const firstImages = productIds.length
    ? await db
        .selectFrom('product_images')
        .select(['product_id', 'file_name', 'sort'])
        .where('product_id', 'in', productIds)
        .orderBy('sort')
        .execute()
    : [];
  const image = new Map<string, string>();
  for (const i of firstImages) if (!image.has(i.product_id)) image.set(i.product_id, imageUrl(i.file_name));
  const title = new Map(products.map((p) => [p.id, p.title]));
  return rows.map((r) => {
    const followUpDeadline = Number(r.created_at) + FOLLOWUP_WINDOW_MS;
    const flags = [r.flags, r.followup_flags, r.reply_flags].flatMap((f) => (f ? (JSON.parse(f) as ReviewFlag[]) : []));
    return {
      ...toView(r, photos.get(r.id)),
      product: { id: r.product_id, title: title.get(r.product_id) ?? '', imageUrl: image.get(r.product_id) ?? null },
      flags,
      canFollowUp: r.buyer_id === actor.userId && r.followup_at === null && now <= followUpDeadline,
      followUpDeadline,
      canReply: actor.shops.has(r.shop_id) && r.reply_at === null,
    };
  });
}

/** One review as its buyer or its shop sees it. */
export async function ownReview(db: Db, actor: Actor, reviewId: string, now: number): Promise<OwnReviewView> {
  const r = await reviewQuery(db).where('r.id', '=', reviewId).executeTakeFirst();
  if (!r || (r.buyer_id !== actor.userId && !actor.shops.has(r.shop_id))) throw notFound('review', reviewId);
  return (await ownViews(db, [r], now, actor))[0]!;
}

function checkLimit(limit: number | undefined): number {
  const n = limit ?? 20;
  if (!Number.isSafeInteger(n) || n < 1 || n > REVIEWS_PAGE_MAX)
    throw invalid(`limit must be 1–${REVIEWS_PAGE_MAX}`, { field: 'limit' });
  return n;
}

const decodeIdCursor = (cursor: string | undefined): string | undefined => {
  if (cursor === undefined) return undefined;
  if (!/^rev_[0-9a-z]{26}$/.test(cursor)) throw invalid('cursor is not valid', { field: 'cursor' });
  return cursor;
};

/** The buyer's own reviews, newest first. */
export async function myReviews(
  db: Db,
  actor: Actor,
  q: { cursor?: string | undefined; limit?: number | undefined },
  now: number,
): Promise<{ items: OwnReviewView[]; nextCursor: string | null }> {
  const limit = checkLimit(q.limit);
  const after = decodeIdCursor(q.cursor);
  let query = reviewQuery(db).where('r.buyer_id', '=', actor.userId);
  if (after) query = query.where('r.id', '<', after);
  const rows = await query
    .orderBy('r.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    items: await ownViews(db, page, now, actor),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** A shop's reviews for its staff, newest first; filter by product stars and by whether they were answered. */
export async function shopReviews(
  db: Db,
  actor: Actor,
  shopId: string,
  q: {
    stars?: number | undefined;
    replied?: boolean | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
  now: number,
): Promise<{ items: OwnReviewView[]; nextCursor: string | null; summary: ReviewSummary }> {
  if (!actor.shops.has(shopId)) throw notFound('shop', shopId);
  const limit = checkLimit(q.limit);
  const after = decodeIdCursor(q.cursor);
  if (q.stars !== undefined && !validStars(q.stars)) throw invalid('stars must be 1–5', { field: 'stars' });
  let query = reviewQuery(db).where('r.shop_id', '=', shopId);
  if (q.stars !== undefined) query = query.where('r.product_stars', '=', q.stars);
  if (q.replied !== undefined) query = query.where('r.reply_at', q.replied ? 'is not' : 'is', null);
  if (after) query = query.where('r.id', '<', after);
  const rows = await query
    .orderBy('r.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const sums = await db
    .selectFrom('product_review_stats')
    .select((eb) => [
      eb.fn.sum<number>('reviews').as('reviews'),
      eb.fn.sum<number>('product_star_sum').as('p'),
      eb.fn.sum<number>('logistics_star_sum').as('l'),
      eb.fn.sum<number>('service_star_sum').as('s'),
      eb.fn.sum<number>('good').as('good'),
      eb.fn.sum<number>('bad').as('bad'),
      eb.fn.sum<number>('with_photos').as('w'),
    ])
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  const summary = summarizeReviews({
    reviews: Number(sums?.reviews ?? 0),
    productStarSum: Number(sums?.p ?? 0),
    logisticsStarSum: Number(sums?.l ?? 0),
    serviceStarSum: Number(sums?.s ?? 0),
    good: Number(sums?.good ?? 0),
    bad: Number(sums?.bad ?? 0),
    withPhotos: Number(sums?.w ?? 0),
  });
  return {
    items: await ownViews(db, page, now, actor),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
    summary,
  };
}

/** The product's figures (rating, 好评率, counts). */
export async function productReviewSummary(db: Db, productId: string): Promise<ReviewSummary> {
  const s = await db
    .selectFrom('product_review_stats')
    .selectAll()
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return summarizeReviews({
    reviews: Number(s?.reviews ?? 0),
    productStarSum: Number(s?.product_star_sum ?? 0),
    logisticsStarSum: Number(s?.logistics_star_sum ?? 0),
    serviceStarSum: Number(s?.service_star_sum ?? 0),
    good: Number(s?.good ?? 0),
    bad: Number(s?.bad ?? 0),
    withPhotos: Number(s?.with_photos ?? 0),
  });
}

/** The product page's reviews: the figures, then reviews with photos first and newest first within each; 有图 / 好评 / 差评 filters. */
export async function productReviews(
  db: Db,
  productId: string,
  q: { filter?: ReviewFilter | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<{ summary: ReviewSummary; items: ReviewView[]; nextCursor: string | null }> {
  const limit = checkLimit(q.limit);
  const product = await db
    .selectFrom('products')
    .select(['id', 'status'])
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!product || product.status === 'draft') throw notFound('product', productId);
  let c: { hasPhotos: boolean; id: string } | null = null;
  if (q.cursor !== undefined) {
    c = decodeReviewCursor(q.cursor);
    if (!c) throw invalid('cursor is not valid', { field: 'cursor' });
  }
  let query = reviewQuery(db).where('r.product_id', '=', productId);
  const filter = q.filter ?? 'all';
  if (filter === 'photos') query = query.where('r.has_photos', '=', 1);
  if (filter === 'good') query = query.where('r.product_stars', '>=', GOOD_MIN_STARS);
  if (filter === 'bad') query = query.where('r.product_stars', '<=', BAD_MAX_STARS);
  if (c) {
    const cur = c;
    query = query.where((eb) =>
      eb.or([
        eb('r.has_photos', '<', cur.hasPhotos ? 1 : 0),
        eb.and([eb('r.has_photos', '=', cur.hasPhotos ? 1 : 0), eb('r.id', '<', cur.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('r.has_photos', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const photos = await photosOf(
    db,
    page.map((r) => r.id),
  );
  const last = page[page.length - 1];
  return {
    summary: await productReviewSummary(db, productId),
    items: page.map((r) => toView(r, photos.get(r.id))),
    nextCursor:
      rows.length > limit && last
        ? encodeReviewCursor({ hasPhotos: Number(last.has_photos) === 1, id: last.id })
        : null,
  };
}

/** For the order page: each line's review, whether it may be reviewed now and until when. */
export async function orderReviewStates(
  db: Db,
  actor: Actor,
  orderId: string,
  now: number,
): Promise<LineReviewState[]> {
  const order = await db
    .selectFrom('orders')
    .select(['id', 'buyer_id', 'status', 'completed_at'])
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!order || order.buyer_id !== actor.userId) throw notFound('order', orderId);
  const lines = await db.selectFrom('order_lines').select('id').where('order_id', '=', orderId).orderBy('id').execute();
  const reviews = await db
    .selectFrom('reviews')
    .select(['id', 'order_line_id', 'created_at', 'followup_at'])
    .where('order_id', '=', orderId)
    .execute();
  const byLine = new Map(reviews.map((r) => [r.order_line_id, r]));
  const completedAt = order.completed_at === null ? null : Number(order.completed_at);
  const open = canReview({ status: order.status, completedAt }, now).ok;
  return lines.map((l) => {
    const r = byLine.get(l.id);
    return {
      orderLineId: l.id,
      reviewId: r?.id ?? null,
      canReview: !r && open,
      deadline: completedAt === null ? null : reviewDeadline(completedAt),
      canFollowUp: r
        ? canFollowUp(
            { createdAt: Number(r.created_at), followupAt: r.followup_at === null ? null : Number(r.followup_at) },
            now,
          ).ok
        : false,
    };
  });
}
