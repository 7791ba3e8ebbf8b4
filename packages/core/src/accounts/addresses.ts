import type { Actor, CoreContext, Db } from '../context.js';
import { DomainError, invalid, notFound, newId } from '../platform/index.js';
import { regionProblem } from './divisions.js';

export interface AddressInput {
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault?: boolean;
}

export interface AddressView extends Required<AddressInput> {
  id: string;
}

const PHONE = /^1\d{10}$/;

export function checkAddress(input: AddressInput): void {
  for (const field of ['name', 'province', 'city', 'district', 'detail'] as const) {
    const v = input[field].trim();
    if (v.length < 1 || v.length > 120) throw invalid(`${field} must be 1–120 characters`, { field });
  }
  if (!PHONE.test(input.phone)) throw invalid('phone must be an 11-digit mobile number', { field: 'phone' });
  const region = regionProblem(input.province, input.city, input.district);
  if (region) {
    const what = {
      UNKNOWN_PROVINCE: 'is not a province of China',
      CITY_NOT_IN_PROVINCE: 'is not a city of that province',
      DISTRICT_NOT_IN_CITY: 'is not a district of that city',
    }[region.problem];
    throw new DomainError('ADDRESS_REGION_MISMATCH', `${region.field} ${what}`, {
      field: region.field,
      problem: region.problem,
    });
  }
}

function columns(input: AddressInput) {
  return {
    name: input.name.trim(),
    phone: input.phone,
    province: input.province.trim(),
    city: input.city.trim(),
    district: input.district.trim(),
    detail: input.detail.trim(),
  };
}

export async function addAddress(ctx: CoreContext, actor: Actor, input: AddressInput): Promise<AddressView> {
  checkAddress(input);
  const id = newId('address');
  await ctx.db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('addresses')
      .select('id')
      .where('user_id', '=', actor.userId)
      .limit(1)
      .executeTakeFirst();
    const isDefault = input.isDefault === true || !existing;
    if (isDefault)
      await tx.updateTable('addresses').set({ is_default: 0 }).where('user_id', '=', actor.userId).execute();
    await tx
      .insertInto('addresses')
      .values({
        id,
        user_id: actor.userId,
        ...columns(input),
        is_default: isDefault ? 1 : 0,
        created_at: ctx.clock.now(),
      })
      .execute();
  });
  const all = await listAddresses(ctx.db, actor.userId);
  return all.find((a) => a.id === id)!;
}

/**
 * Rewrites one of the person's own addresses (others' are NOT_FOUND). isDefault: true makes it the
 * default; false or absent keeps the default where it is (the only address stays the default).
 * Orders already placed keep the address they were placed with.
 */
export async function updateAddress(
  ctx: CoreContext,
  actor: Actor,
  addressId: string,
  input: AddressInput,
): Promise<AddressView> {
  checkAddress(input);
  await ctx.db.transaction().execute(async (tx) => {
    const mine = await tx
      .selectFrom('addresses')
      .select('id')
      .where('id', '=', addressId)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (!mine) throw notFound('address', addressId);
    if (input.isDefault === true)
      await tx.updateTable('addresses').set({ is_default: 0 }).where('user_id', '=', actor.userId).execute();
    await tx
      .updateTable('addresses')
      .set({ ...columns(input), ...(input.isDefault === true ? { is_default: 1 } : {}) })
      .where('id', '=', addressId)
      .execute();
  });
  const all = await listAddresses(ctx.db, actor.userId);
  return all.find((a) => a.id === addressId)!;
}

export async function listAddresses(db: Db, userId: string): Promise<AddressView[]> {
  const rows = await db
    .selectFrom('addresses')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('is_default', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.phone,
    province: r.province,
    city: r.city,
    district: r.district,
    detail: r.detail,
    isDefault: r.is_default === 1,
  }));
}
