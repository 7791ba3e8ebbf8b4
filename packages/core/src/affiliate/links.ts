/**
 * Tracked links (a `pick_source`-style token): a creator makes a link to a product open to them,
 * valid for a chosen number of days. The token is `<link ulid>.<expiry, base 36 seconds>.<HMAC>`
 * signed with an installation secret, so a forged or edited token is refused before any lookup
 * and an expired one answers 410 LINK_EXPIRED. Opening a link shows the product and, for a
 * signed-in shopper, records a touch the attribution rule weighs at checkout; the shopper app
 * also carries the token as the line's attribution (`{source: 'link', contentId: token}`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor, CoreContext, Db } from '../context.js';
import {
  DomainError,
  invalid,
  notFound,
  ID_PREFIX,
  newId,
  DAY_MS,
  cachedInstallationSecret,
} from '../platform/index.js';
import { productCardsByIds, type ProductCard } from '../catalog/index.js';
import { DEFAULT_AFFILIATE_RULES, LINK_TOKEN_PATTERN } from './affiliate-rules.js';
import { displayNames, requireCreator, saleableProduct } from './access.js';
import { ensureInShowcase } from './showcase.js';

const TOKEN = new RegExp(LINK_TOKEN_PATTERN);
const SIG_BYTES = 12;
async function linkKey(db: Db): Promise<Buffer> {
  return Buffer.from(await cachedInstallationSecret(db, 'affiliate_link_secret'), 'utf8');
}

const sign = (key: Buffer, body: string): Buffer =>
  createHmac('sha256', key).update(body).digest().subarray(0, SIG_BYTES);

export function encodeLinkToken(key: Buffer, ulid: string, expiresAt: number): string {
  const body = `${ulid}.${Math.ceil(expiresAt / 1000).toString(36)}`;
  return `${body}.${sign(key, body).toString('base64url')}`;
}

/** The link's ulid and expiry of a genuine token; null when forged, edited or malformed. */
export function decodeLinkToken(key: Buffer, token: string): { ulid: string; expiresAt: number } | null {
  if (!TOKEN.test(token)) return null;
  const [ulid, exp, sig] = token.split('.') as [string, string, string];
  const given = Buffer.from(sig, 'base64url');
  const expected = sign(key, `${ulid}.${exp}`);
  if (given.length !== SIG_BYTES || !timingSafeEqual(given, expected)) return null;
  return { ulid, expiresAt: parseInt(exp, 36) * 1000 };
}

export interface LinkView {
  id: string;
  token: string;
  productId: string;
  createdAt: number;
  expiresAt: number;
  opens: number;
}

export async function createLink(
  ctx: CoreContext,
  actor: Actor,
  input: { productId: string; validDays?: number | undefined },
): Promise<LinkView> {
  requireCreator(actor);
  const rules = DEFAULT_AFFILIATE_RULES;
  const days = input.validDays ?? rules.linkDefaultDays;
  if (!Number.isSafeInteger(days) || days < 1 || days > rules.linkMaxDays)
    throw invalid(`validDays must be 1–${rules.linkMaxDays}`, { field: 'validDays' });
  const key = await linkKey(ctx.db);
  const now = ctx.clock.now();
  const id = newId('affiliateLink', now);
  const expiresAt = Math.ceil((now + days * DAY_MS) / 1000) * 1000;
  const token = encodeLinkToken(key, id.slice(ID_PREFIX.affiliateLink.length + 1), expiresAt);
  await ctx.db.transaction().execute(async (tx) => {
    await ensureInShowcase(tx, actor.userId, { productId: input.productId }, now);
    const { shopId } = await saleableProduct(tx, input.productId);
    await tx
      .insertInto('affiliate_links')
      .values({
        id,
        token,
        creator_id: actor.userId,
        product_id: input.productId,
        shop_id: shopId,
        opens: 0,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
  });
  return { id, token, productId: input.productId, createdAt: now, expiresAt, opens: 0 };
}

export async function myLinks(ctx: CoreContext, actor: Actor): Promise<{ items: LinkView[] }> {
  requireCreator(actor);
  const rows = await ctx.db
    .selectFrom('affiliate_links')
    .selectAll()
    .where('creator_id', '=', actor.userId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      token: r.token,
      productId: r.product_id,
      createdAt: Number(r.created_at),
      expiresAt: Number(r.expires_at),
      opens: Number(r.opens),
    })),
  };
}

export interface OpenedLink {
  product: ProductCard;
  creator: { id: string; displayName: string };
  expiresAt: number;
  /** What the shopper app sends with the line at checkout. */
  attribution: { source: 'link'; contentId: string; creatorId: string };
}

/** Opens a tracked link: the product it points to; a touch for a signed-in viewer. */
export async function openLink(ctx: CoreContext, viewer: Actor | null, token: string): Promise<OpenedLink> {
  const decoded = decodeLinkToken(await linkKey(ctx.db), token);
  if (!decoded) throw notFound('link');
  const now = ctx.clock.now();
  if (now >= decoded.expiresAt)
    throw new DomainError('LINK_EXPIRED', 'this link has expired; ask the creator for a new one', {
      expiredAt: decoded.expiresAt,
    });
  const link = await ctx.db.selectFrom('affiliate_links').selectAll().where('token', '=', token).executeTakeFirst();
  if (!link) throw notFound('link');
  await saleableProduct(ctx.db, link.product_id);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('affiliate_links')
      .set((eb) => ({ opens: eb('opens', '+', 1) }))
      .where('id', '=', link.id)
      .execute();
    if (viewer)
      await tx
        .insertInto('affiliate_touches')
        .values({
          id: newId('touch', now),
          buyer_id: viewer.userId,
          product_id: link.product_id,
          creator_id: link.creator_id,
          source: 'link',
          content_id: link.id,
          at: now,
        })
        .execute();
  });
  const [product] = await productCardsByIds(ctx.db, [link.product_id], true);
  const names = await displayNames(ctx.db, [link.creator_id]);
  return {
    product: product!,
    creator: { id: link.creator_id, displayName: names.get(link.creator_id) ?? '' },
    expiresAt: Number(link.expires_at),
    attribution: { source: 'link', contentId: token, creatorId: link.creator_id },
  };
}
