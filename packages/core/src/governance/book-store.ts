/**
 * The rule book in storage: terms and homophones an admin edits, the book's version, and the
 * compiled matcher each process keeps per version. The default book is loaded on first use. Every
 * change bumps the version in the same transaction; this process drops its matcher at once, other
 * processes see the new version within a second.
 */
import { sql } from 'kysely';
import type { Actor, CoreContext, Db } from '../context.js';
import { requireRole } from '../accounts/index.js';
import { DomainError, notFound, newId, runtimePart, runtimeOf } from '../platform/index.js';
import { defaultHomophones, defaultTerms } from './default-book.js';
import { foldTerm } from './folding.js';
import { compileRuleBook, type Matcher } from './matcher.js';
import { RULES } from './rules.js';
import type { BookTerm, Homophone, RuleCode, Severity, TermClass } from './types.js';
import { SEVERITIES, TERM_CLASSES } from './types.js';

/** Error codes of the governance module. */
export type GovernanceErrorCode =
  | 'CONTENT_REJECTED'
  | 'TERM_EXISTS'
  | 'TERM_TOO_SHORT'
  | 'HOMOPHONE_EXISTS'
  | 'HOMOPHONE_INVALID';

export const RULE_CODES = Object.keys(RULES) as RuleCode[];
export const TERM_MAX_CHARS = 30;
export const HOMOPHONE_MAX_CHARS = 20;

const BOOK_ID = 'book';
/** How long a process trusts its matcher before it looks at the stored version again. */
const VERSION_CHECK_MS = 1000;

export interface TermView {
  id: string;
  text: string;
  class: TermClass;
  severity: Severity;
  rule: RuleCode;
  ruleText: { zh: string; en: string };
  enabled: boolean;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface HomophoneView {
  id: string;
  canonical: string;
  variant: string;
  createdBy: string | null;
  createdAt: number;
}

/** Two admins adding the same term at once: the unique index refuses the second (PostgreSQL, SQLite). */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function orExists<T>(work: Promise<T>, code: 'TERM_EXISTS' | 'HOMOPHONE_EXISTS'): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isUniqueViolation(err))
      throw fail(
        code,
        code === 'TERM_EXISTS' ? 'the book already has this term' : 'this spelling is already in the table',
      );
    throw err;
  }
}

const fail = (code: GovernanceErrorCode, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(code, message, details);

/** Loads the default book once (the first caller wins; the others find it there). */
export async function ensureRuleBook(db: Db, now: number): Promise<void> {
  const existing = await db.selectFrom('governance_book').select('id').where('id', '=', BOOK_ID).executeTakeFirst();
  if (existing) return;
  await db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('governance_book')
      .values({ id: BOOK_ID, version: 1, updated_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    const terms = defaultTerms().map((t) => ({
      id: newId('governanceTerm', now),
      text: t.text,
      folded: foldTerm(t.text),
      class: t.class,
      severity: t.severity,
      rule: t.rule,
      enabled: 1,
      created_by: null,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < terms.length; i += 100) {
      await tx
        .insertInto('governance_terms')
        .values(terms.slice(i, i + 100))
        .onConflict((oc) => oc.column('folded').doNothing())
        .execute();
    }
    const homophones = defaultHomophones().map((h) => ({
      id: newId('homophone', now),
      canonical: h.canonical,
      variant: h.variant,
      created_by: null,
      created_at: now,
    }));
    for (let i = 0; i < homophones.length; i += 100) {
      await tx
        .insertInto('governance_homophones')
        .values(homophones.slice(i, i + 100))
        .onConflict((oc) => oc.columns(['canonical', 'variant']).doNothing())
        .execute();
    }
  });
}

interface Cached {
  version: number;
  matcher: Matcher;
  checkedAt: number;
}
/** The compiled rule book of this store in this process, and the compilation under way (a runtime part). */
const matcherPart = runtimePart<{ cached: Cached | null; building: Promise<Matcher> | null }, Db>(
  'governance.matcher',
  () => ({ cached: null, building: null }),
);

async function storedVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('governance_book').select('version').where('id', '=', BOOK_ID).executeTakeFirst();
  return row ? Number(row.version) : 0;
}

/** The matcher for the stored rule book, compiled once per version. */
export async function currentMatcher(ctx: CoreContext): Promise<Matcher> {
  const now = ctx.clock.now();
  const slot = runtimeOf(ctx.db).use(matcherPart);
  const cached = slot.cached;
  if (cached && now - cached.checkedAt < VERSION_CHECK_MS && now >= cached.checkedAt) return cached.matcher;
  const pending = slot.building;
  if (pending) return pending;
  const work = (async () => {
    await ensureRuleBook(ctx.db, now);
    const version = await storedVersion(ctx.db);
    const again = slot.cached;
    if (again && again.version === version) {
      again.checkedAt = now;
      return again.matcher;
    }
    const [terms, homophones] = await Promise.all([
      ctx.db.selectFrom('governance_terms').select(['id', 'text', 'class', 'severity', 'rule', 'enabled']).execute(),
      ctx.db.selectFrom('governance_homophones').select(['canonical', 'variant']).execute(),
    ]);
    const matcher = compileRuleBook({
      version,
      terms: terms.map(
        (t): BookTerm => ({
          id: t.id,
          text: t.text,
          class: t.class as TermClass,
          severity: t.severity as Severity,
          rule: t.rule as RuleCode,
          enabled: t.enabled === 1,
        }),
      ),
      homophones: homophones.map((h): Homophone => ({ canonical: h.canonical, variant: h.variant })),
    });
    slot.cached = { version, matcher, checkedAt: now };
    return matcher;
  })();
  slot.building = work;
  try {
    return await work;
  } finally {
    slot.building = null;
  }
}

function termView(t: {
  id: string;
  text: string;
  class: string;
  severity: string;
  rule: string;
  enabled: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}): TermView {
  const rule = t.rule as RuleCode;
  return {
    id: t.id,
    text: t.text,
    class: t.class as TermClass,
    severity: t.severity as Severity,
    rule,
    ruleText: RULES[rule] ?? { zh: rule, en: rule },
    enabled: t.enabled === 1,
    createdBy: t.created_by,
    createdAt: Number(t.created_at),
    updatedAt: Number(t.updated_at),
  };
}

export interface TermQuery {
  class?: TermClass | undefined;
  enabled?: boolean | undefined;
  q?: string | undefined;
  after?: string | undefined;
  limit?: number | undefined;
}

/** Terms of the book, by id, filtered by class, state or text (admins). */
export async function listTerms(
  ctx: CoreContext,
  actor: Actor,
  query: TermQuery,
): Promise<{ items: TermView[]; nextCursor: string | null; version: number }> {
  requireRole(actor, 'admin');
  await ensureRuleBook(ctx.db, ctx.clock.now());
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  let q = ctx.db
    .selectFrom('governance_terms')
    .selectAll()
    .orderBy('id')
    .limit(limit + 1);
  if (query.class) q = q.where('class', '=', query.class);
  if (query.enabled !== undefined) q = q.where('enabled', '=', query.enabled ? 1 : 0);
  if (query.q) {
    const folded = foldTerm(query.q);
    q = q.where((eb) =>
      eb.or([
        eb('text', 'like', `%${escapeLike(query.q!)}%`),
        ...(folded ? [eb('folded', 'like', `%${escapeLike(folded)}%`)] : []),
      ]),
    );
  }
  if (query.after) q = q.where('id', '>', query.after);
  const rows = await q.execute();
  const items = rows.slice(0, limit).map(termView);
  return {
    items,
    nextCursor: rows.length > limit ? items[items.length - 1]!.id : null,
    version: await storedVersion(ctx.db),
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, '');
}

export interface TermInput {
  text: string;
  class: TermClass;
  severity: Severity;
  rule: RuleCode;
  enabled?: boolean | undefined;
}

function checkTermFields(input: Partial<TermInput>): void {
  if (input.class !== undefined && !TERM_CLASSES.includes(input.class))
    throw new DomainError('VALIDATION_FAILED', `unknown class ${String(input.class)}`, { field: 'class' });
  if (input.severity !== undefined && !SEVERITIES.includes(input.severity))
    throw new DomainError('VALIDATION_FAILED', `unknown severity ${String(input.severity)}`, { field: 'severity' });
  if (input.rule !== undefined && !RULE_CODES.includes(input.rule))
    throw new DomainError('VALIDATION_FAILED', `unknown rule ${String(input.rule)}`, { field: 'rule' });
}

function foldedTermText(text: string): { text: string; folded: string } {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > TERM_MAX_CHARS)
    throw new DomainError('VALIDATION_FAILED', `a term is 1–${TERM_MAX_CHARS} characters`, { field: 'text' });
  const folded = foldTerm(trimmed);
  // One character (最, 药) would flag ordinary text everywhere: write the banned forms instead.
  if (folded.length < 2)
    throw fail(
      'TERM_TOO_SHORT',
      'a term needs at least two characters once spaces, punctuation and emoji are left out; write the banned forms (最好, 最低价) rather than one character',
      { field: 'text', folded },
    );
  return { text: trimmed, folded };
}

async function bumpVersion(tx: Db, now: number): Promise<void> {
  await tx
    .updateTable('governance_book')
    .set({ version: sql<number>`version + 1`, updated_at: now })
    .where('id', '=', BOOK_ID)
    .execute();
}

function forget(ctx: CoreContext): void {
  const slot = runtimeOf(ctx.db).peek(matcherPart);
  if (slot) slot.cached = null;
}

/** Adds a term (admins); its folded form must be new. */
export async function addTerm(ctx: CoreContext, actor: Actor, input: TermInput): Promise<TermView> {
  requireRole(actor, 'admin');
  checkTermFields(input);
  const { text, folded } = foldedTermText(input.text);
  const now = ctx.clock.now();
  await ensureRuleBook(ctx.db, now);
  const id = newId('governanceTerm', now);
  await orExists(
    ctx.db.transaction().execute(async (tx) => {
      const clash = await tx
        .selectFrom('governance_terms')
        .select(['id', 'text'])
        .where('folded', '=', folded)
        .executeTakeFirst();
      if (clash) throw fail('TERM_EXISTS', `the book already has ${clash.text}`, { id: clash.id, text: clash.text });
      await tx
        .insertInto('governance_terms')
        .values({
          id,
          text,
          folded,
          class: input.class,
          severity: input.severity,
          rule: input.rule,
          enabled: input.enabled === false ? 0 : 1,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await bumpVersion(tx, now);
    }),
    'TERM_EXISTS',
  );
  forget(ctx);
  return termView(
    await ctx.db.selectFrom('governance_terms').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

/** Changes a term's text, class, severity, rule or state (admins); disabling keeps it in the book. */
export async function updateTerm(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  patch: Partial<TermInput>,
): Promise<TermView> {
  requireRole(actor, 'admin');
  checkTermFields(patch);
  const now = ctx.clock.now();
  await ensureRuleBook(ctx.db, now);
  const next = patch.text === undefined ? null : foldedTermText(patch.text);
  const changes = Object.values(patch).some((v) => v !== undefined);
  await orExists(
    ctx.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('governance_terms').select('id').where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('term', id);
      if (next) {
        const clash = await tx
          .selectFrom('governance_terms')
          .select(['id', 'text'])
          .where('folded', '=', next.folded)
          .where('id', '<>', id)
          .executeTakeFirst();
        if (clash) throw fail('TERM_EXISTS', `the book already has ${clash.text}`, { id: clash.id, text: clash.text });
      }
      if (!changes) return;
      await tx
        .updateTable('governance_terms')
        .set({
          ...(next ? { text: next.text, folded: next.folded } : {}),
          ...(patch.class !== undefined ? { class: patch.class } : {}),
          ...(patch.severity !== undefined ? { severity: patch.severity } : {}),
          ...(patch.rule !== undefined ? { rule: patch.rule } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await bumpVersion(tx, now);
    }),
    'TERM_EXISTS',
  );
  forget(ctx);
  return termView(
    await ctx.db.selectFrom('governance_terms').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

function homophoneView(h: {
  id: string;
  canonical: string;
  variant: string;
  created_by: string | null;
  created_at: number;
}): HomophoneView {
  return {
    id: h.id,
    canonical: h.canonical,
    variant: h.variant,
    createdBy: h.created_by,
    createdAt: Number(h.created_at),
  };
}

/** The homophone table (admins). */
export async function listHomophones(
  ctx: CoreContext,
  actor: Actor,
): Promise<{ items: HomophoneView[]; version: number }> {
  requireRole(actor, 'admin');
  await ensureRuleBook(ctx.db, ctx.clock.now());
  const rows = await ctx.db
    .selectFrom('governance_homophones')
    .selectAll()
    .orderBy('canonical')
    .orderBy('variant')
    .execute();
  return { items: rows.map(homophoneView), version: await storedVersion(ctx.db) };
}

/** Adds a spelling that stands for a canonical form (admins): 卫心 → 微信. */
export async function addHomophone(
  ctx: CoreContext,
  actor: Actor,
  input: { canonical: string; variant: string },
): Promise<HomophoneView> {
  requireRole(actor, 'admin');
  const canonical = input.canonical.trim();
  const variant = input.variant.trim();
  for (const [field, v] of [
    ['canonical', canonical],
    ['variant', variant],
  ] as const) {
    if (v.length === 0 || v.length > HOMOPHONE_MAX_CHARS)
      throw new DomainError('VALIDATION_FAILED', `${field} is 1–${HOMOPHONE_MAX_CHARS} characters`, { field });
  }
  const fc = foldTerm(canonical);
  const fv = foldTerm(variant);
  if (fc.length === 0 || fv.length < 2 || fc === fv) {
    throw fail(
      'HOMOPHONE_INVALID',
      'a spelling needs at least two characters (spaces, punctuation and emoji left out) and must differ from the form it stands for',
      { canonical: fc, variant: fv },
    );
  }
  const now = ctx.clock.now();
  await ensureRuleBook(ctx.db, now);
  const id = newId('homophone', now);
  await orExists(
    ctx.db.transaction().execute(async (tx) => {
      const clash = await tx
        .selectFrom('governance_homophones')
        .select('id')
        .where('canonical', '=', canonical)
        .where('variant', '=', variant)
        .executeTakeFirst();
      if (clash) throw fail('HOMOPHONE_EXISTS', `${variant} already stands for ${canonical}`, { id: clash.id });
      await tx
        .insertInto('governance_homophones')
        .values({ id, canonical, variant, created_by: actor.userId, created_at: now })
        .execute();
      await bumpVersion(tx, now);
    }),
    'HOMOPHONE_EXISTS',
  );
  forget(ctx);
  return homophoneView(
    await ctx.db.selectFrom('governance_homophones').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

/** Removes a spelling from the homophone table (admins). */
export async function removeHomophone(ctx: CoreContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'admin');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const gone = await tx.deleteFrom('governance_homophones').where('id', '=', id).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw notFound('homophone', id);
    await bumpVersion(tx, now);
  });
  forget(ctx);
}
