/** Developers' apps: registration, the secret (shown once, rotatable), settings, and the admin's review. */
import { randomBytes } from 'node:crypto';
import type { Actor, CoreContext, Db } from '../context.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import { requireRole, requireShopOwner } from '../accounts/index.js';
import { appKeyFrom, isMethodGroup, type AppKind, type AppStatus, type MethodGroup } from './rules.js';
import { isPushTag, type PushTag } from './push-tags.js';
import type { OpenAppsTable } from '../storage/index.js';

export type OpenPlatformErrorCode = 'APP_NOT_APPROVED' | 'APP_KEY_EXHAUSTED' | 'AUTHORIZATION_REVOKED';

export interface AppInput {
  name: string;
  kind: AppKind;
  /** The shop of a self-use app (its owner registers it). */
  shopId?: string | undefined;
  groups: string[];
  callbackUrl?: string | undefined;
  pushUrl?: string | undefined;
  pushTags?: string[] | undefined;
  ipAllow?: string[] | undefined;
}

export interface AppView {
  id: string;
  appKey: string;
  name: string;
  kind: AppKind;
  ownerId: string;
  shopId: string | null;
  status: AppStatus;
  groups: MethodGroup[];
  callbackUrl: string;
  pushUrl: string;
  pushTags: PushTag[];
  ipAllow: string[];
  reviewNote: string;
  createdAt: number;
  updatedAt: number;
}

export function appView(r: OpenAppsTable): AppView {
  return {
    id: r.id,
    appKey: r.app_key,
    name: r.name,
    kind: r.kind as AppKind,
    ownerId: r.owner_id,
    shopId: r.shop_id,
    status: r.status as AppStatus,
    groups: JSON.parse(r.groups) as MethodGroup[],
    callbackUrl: r.callback_url,
    pushUrl: r.push_url,
    pushTags: JSON.parse(r.push_tags) as PushTag[],
    ipAllow: JSON.parse(r.ip_allow) as string[],
    reviewNote: r.review_note,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/** An app's settings as checked here: its name, its callback and push URLs, its IP allow-list; an admin's review note. */
export const MIN_APP_NAME_CHARS = 2;
export const MAX_APP_NAME_CHARS = 40;
export const MAX_APP_URL_CHARS = 500;
export const MAX_IP_ALLOW = 50;
/** The longest textual IP address (IPv6 with an embedded IPv4 address). */
export const MAX_IP_CHARS = 45;
export const MAX_REVIEW_NOTE_CHARS = 200;
const IP_PATTERN = new RegExp(`^[0-9a-fA-F:.]{2,${MAX_IP_CHARS}}$`);

function checkUrl(url: string | undefined, field: string): string {
  if (url === undefined || url === '') return '';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalid(`${field} must be an http(s) URL`, { field });
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || url.length > MAX_APP_URL_CHARS)
    throw invalid(`${field} must be an http(s) URL`, { field });
  return url;
}

function checkSettings(
  input: Partial<AppInput>,
): Partial<Pick<OpenAppsTable, 'name' | 'groups' | 'callback_url' | 'push_url' | 'push_tags' | 'ip_allow'>> {
  const out: Partial<Pick<OpenAppsTable, 'name' | 'groups' | 'callback_url' | 'push_url' | 'push_tags' | 'ip_allow'>> =
    {};
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name.length < MIN_APP_NAME_CHARS || name.length > MAX_APP_NAME_CHARS)
      throw invalid(`name must be ${MIN_APP_NAME_CHARS}–${MAX_APP_NAME_CHARS} characters`, { field: 'name' });
    out.name = name;
  }
  if (input.groups !== undefined) {
    if (input.groups.length === 0 || !input.groups.every(isMethodGroup))
      throw invalid('groups must name one or more of the method groups', { field: 'groups' });
    out.groups = JSON.stringify([...new Set(input.groups)]);
  }
  if (input.callbackUrl !== undefined) out.callback_url = checkUrl(input.callbackUrl, 'callbackUrl');
  if (input.pushUrl !== undefined) out.push_url = checkUrl(input.pushUrl, 'pushUrl');
  if (input.pushTags !== undefined) {
    if (!input.pushTags.every(isPushTag)) throw invalid('pushTags must be known message tags', { field: 'pushTags' });
    out.push_tags = JSON.stringify([...new Set(input.pushTags)].sort());
  }
  if (input.ipAllow !== undefined) {
    if (input.ipAllow.length > MAX_IP_ALLOW || !input.ipAllow.every((ip) => IP_PATTERN.test(ip)))
      throw invalid(`ipAllow must be up to ${MAX_IP_ALLOW} IP addresses`, { field: 'ipAllow' });
    out.ip_allow = JSON.stringify(input.ipAllow);
  }
  return out;
}

const newSecret = (): string => randomBytes(24).toString('hex');

/** Registers an app (pending the admin's approval); the secret is in the answer and never shown again. */
export async function registerApp(
  ctx: CoreContext,
  actor: Actor,
  input: AppInput,
): Promise<{ app: AppView; secret: string }> {
  if (input.kind !== 'self' && input.kind !== 'tool') throw invalid('kind must be self or tool', { field: 'kind' });
  if (input.kind === 'self') {
    if (!input.shopId) throw invalid('a self-use app names its shop', { field: 'shopId' });
    requireShopOwner(actor, input.shopId);
  }
  const s = checkSettings({ ...input, groups: input.groups });
  if (!s.name || !s.groups) throw invalid('name and groups are required', { field: s.name ? 'groups' : 'name' });
  const now = ctx.clock.now();
  const secret = newSecret();
  for (let attempt = 0; attempt < 5; attempt++) {
    const row: OpenAppsTable = {
      id: newId('openApp', now),
      app_key: appKeyFrom(randomBytes(18)),
      name: s.name,
      kind: input.kind,
      owner_id: actor.userId,
      shop_id: input.kind === 'self' ? input.shopId! : null,
      secret,
      status: 'pending',
      groups: s.groups,
      callback_url: s.callback_url ?? '',
      push_url: s.push_url ?? '',
      push_tags: s.push_tags ?? '[]',
      ip_allow: s.ip_allow ?? '[]',
      review_note: '',
      reviewed_by: null,
      created_at: now,
      updated_at: now,
    };
    const res = await ctx.db
      .insertInto('open_apps')
      .values(row)
      .onConflict((oc) => oc.column('app_key').doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 1) return { app: appView(row), secret };
  }
  throw new DomainError('APP_KEY_EXHAUSTED', 'could not pick a free app key; try again');
}

async function ownApp(db: Db, actor: Actor, appId: string): Promise<OpenAppsTable> {
  const r = await db.selectFrom('open_apps').selectAll().where('id', '=', appId).executeTakeFirst();
  if (!r || r.owner_id !== actor.userId) throw notFound('app', appId);
  return r;
}

export async function updateApp(
  ctx: CoreContext,
  actor: Actor,
  appId: string,
  input: Partial<Omit<AppInput, 'kind' | 'shopId'>>,
): Promise<AppView> {
  await ownApp(ctx.db, actor, appId);
  const s = checkSettings(input);
  await ctx.db
    .updateTable('open_apps')
    .set({ ...s, updated_at: ctx.clock.now() })
    .where('id', '=', appId)
    .execute();
  return appView(await ownApp(ctx.db, actor, appId));
}

/** A new secret (shown once); the old one stops working at once. */
export async function rotateSecret(ctx: CoreContext, actor: Actor, appId: string): Promise<{ secret: string }> {
  await ownApp(ctx.db, actor, appId);
  const secret = newSecret();
  await ctx.db.updateTable('open_apps').set({ secret, updated_at: ctx.clock.now() }).where('id', '=', appId).execute();
  return { secret };
}

export async function myApps(db: Db, actor: Actor): Promise<AppView[]> {
  const rows = await db
    .selectFrom('open_apps')
    .selectAll()
    .where('owner_id', '=', actor.userId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map(appView);
}

export async function adminApps(db: Db, actor: Actor, status?: AppStatus): Promise<AppView[]> {
  requireRole(actor, 'admin');
  let q = db.selectFrom('open_apps').selectAll().orderBy('id', 'desc').limit(500);
  if (status) q = q.where('status', '=', status);
  return (await q.execute()).map(appView);
}

export type AppDecision = 'approve' | 'reject' | 'suspend';

export async function reviewApp(
  ctx: CoreContext,
  actor: Actor,
  appId: string,
  decision: AppDecision,
  note = '',
): Promise<AppView> {
  requireRole(actor, 'admin');
  const to: AppStatus | undefined = ({ approve: 'approved', reject: 'rejected', suspend: 'suspended' } as const)[
    decision
  ];
  if (!to) throw invalid('decision must be approve, reject or suspend', { field: 'decision' });
  if (note.length > MAX_REVIEW_NOTE_CHARS)
    throw invalid(`note must be at most ${MAX_REVIEW_NOTE_CHARS} characters`, { field: 'note' });
  const res = await ctx.db
    .updateTable('open_apps')
    .set({ status: to, review_note: note, reviewed_by: actor.userId, updated_at: ctx.clock.now() })
    .where('id', '=', appId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw notFound('app', appId);
  const r = await ctx.db.selectFrom('open_apps').selectAll().where('id', '=', appId).executeTakeFirstOrThrow();
  return appView(r);
}

/** What a consent page shows about an app (never its secret). */
export async function appForConsent(
  db: Db,
  appKey: string,
): Promise<Pick<AppView, 'appKey' | 'name' | 'kind' | 'groups' | 'status' | 'callbackUrl'>> {
  const r = await db.selectFrom('open_apps').selectAll().where('app_key', '=', appKey).executeTakeFirst();
  if (!r) throw notFound('app', appKey);
  const v = appView(r);
  return {
    appKey: v.appKey,
    name: v.name,
    kind: v.kind,
    groups: v.groups,
    status: v.status,
    callbackUrl: v.callbackUrl,
  };
}

/** The app behind an app key, with its secret (the gateway only). */
export async function appByKey(db: Db, appKey: string): Promise<OpenAppsTable | undefined> {
  return db.selectFrom('open_apps').selectAll().where('app_key', '=', appKey).executeTakeFirst();
}

export function requireApproved(status: string): void {
  if (status !== 'approved') throw new DomainError('APP_NOT_APPROVED', 'the app is not approved');
}
