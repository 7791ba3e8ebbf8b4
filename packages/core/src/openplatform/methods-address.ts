/**
 * address.list: the shop's addresses. Zhongcao keeps no address book for shops (no return or
 * after-sales address yet); the one address a shop has is its dispatch origin (发货地,
 * `shops.origin`, "省·市"), answered as the shop's single address, default for both returns and
 * sending, with the shop's name as the receiver and no street or detail.
 */
import type { OpenCall } from './call.js';
import { badBusinessParam } from './envelope.js';
import { openIdsOf } from './open-ids.js';
import { optInt, optStr, msToSec } from './params.js';

const ORDER_FIELDS: ReadonlySet<string> = new Set(['create_time', 'update_time']);
const ORDER_DIRECTIONS: ReadonlySet<string> = new Set(['asc', 'desc']);

/** "云南·昆明" → province and city (a bare province or city stays in the province). Pure. */
export function originParts(origin: string): { province: string; city: string } {
  const [province = '', city = ''] = origin.split(/[·・\s/]+/).filter(Boolean);
  return { province, city };
}

export async function addressList(call: OpenCall): Promise<unknown> {
  const p = call.params;
  const pageNo = optInt(p, 'page_no', { min: 1 }) ?? 1;
  const pageSize = optInt(p, 'page_size', { min: 1, max: 100 }) ?? 10;
  const orderBy = optStr(p, 'order_by', 10);
  if (orderBy !== undefined && !ORDER_DIRECTIONS.has(orderBy.toLowerCase()))
    throw badBusinessParam(10001, 'order_by只能为asc或desc');
  const orderField = optStr(p, 'order_field', 20);
  if (orderField !== undefined && !ORDER_FIELDS.has(orderField))
    throw badBusinessParam(10001, 'order_field只能为create_time或update_time');
  optStr(p, 'store_id', 40);
  const shop = await call.ctx.db
    .selectFrom('shops')
    .select(['id', 'name', 'origin', 'created_at'])
    .where('id', '=', call.shopId)
    .executeTakeFirstOrThrow();
  const ids = await openIdsOf(call.ctx.db, 'shop', [shop.id]);
  const { province, city } = originParts(shop.origin);
  const time = String(msToSec(shop.created_at));
  const all = province
    ? [
        {
          address_id: Number(ids.get(shop.id)),
          reciever_name: shop.name,
          receiver_provinc: province,
          receiver_city: city,
          receiver_district: '',
          receiver_street: '',
          receiver_detail: '',
          is_default: 1,
          is_send_default: 1,
          create_time: time,
          update_time: time,
        },
      ]
    : [];
  return {
    total: all.length,
    page_no: pageNo,
    page_size: pageSize,
    address_list: all.slice((pageNo - 1) * pageSize, pageNo * pageSize),
  };
}
