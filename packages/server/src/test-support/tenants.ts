/**
 * Two shops and the people around them, built through the real API where it matters (checkout,
 * the sandbox cashier, shipping), for tests of tenant scoping and bad input.
 *
 * - shop A: owner `ownerA` (also a shopper, with an address) and staff member `staffA`; one
 *   listed product of two SKUs; `orderA` is a paid, not yet shipped order of `buyer` at shop A.
 * - shop B: owner `ownerB`; one listed and one draft product; `orderB` is a paid and shipped
 *   order of `buyer` at shop B (`paymentB`, `shipmentB`).
 * - `otherBuyer` (a shopper who bought nothing), `admin`.
 */
import assert from 'node:assert/strict';
import { addAddress, addStaff, createProduct, loadActor, type Actor } from '@zhongcao/core';
import { makePerson, makeShop, type ShopFixture } from '@zhongcao/core/test-support';
import type { TestServer } from './server-harness.js';

export interface Person {
  actor: Actor;
  token: string;
}

export interface Tenants {
  a: ShopFixture;
  b: ShopFixture & { draftProductId: string };
  ownerA: Person;
  staffA: Person;
  ownerB: Person;
  buyer: Person;
  otherBuyer: Person;
  admin: Person;
  addressA: string;
  orderA: { id: string; paymentId: string; lineIds: string[] };
  orderB: { id: string; paymentId: string; lineIds: string[]; shipmentId: string };
}

/** A 1×1 PNG: the smallest image the upload route accepts. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A multipart/form-data body with one file part (and any text fields). */
export function multipartBody(
  file: { name?: string; bytes: Buffer; contentType: string } | null,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----zhongcao-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name ?? 'upload.bin'}"\r\ncontent-type: ${file.contentType}\r\n\r\n`,
      ),
    );
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function person(s: TestServer, login: string, roles: Array<'admin'> = [], withAddress = true): Promise<Person> {
  const actor = await makePerson(s.core, login, roles, withAddress);
  return { actor, token: await s.tokenFor(actor.userId) };
}

/** Checks out one SKU as `buyer`, pays at the sandbox cashier and delivers the gateway's notification. */
export async function placePaidOrder(
  s: TestServer,
  buyerToken: string,
  skuId: string,
  quantity = 1,
): Promise<{ id: string; paymentId: string; lineIds: string[] }> {
  const placed = await s.call('POST', '/api/v1/checkout', {
    token: buyerToken,
    body: { items: [{ skuId, quantity }] },
  });
  assert.equal(placed.statusCode, 201, placed.body);
  const { orders, payment } = placed.json() as { orders: Array<{ id: string }>; payment: { id: string } };
  const cashier = await s.call('GET', `/api/v1/payments/${payment.id}/cashier?format=json`, { token: buyerToken });
  assert.equal(cashier.statusCode, 200, cashier.body);
  const txnId = String((cashier.json() as { cashierUrl: string }).cashierUrl)
    .split('/')
    .pop()!;
  await s.core.sandbox.complete(txnId, 'paid');
  await s.deliverNotifications();
  const detail = await s.call('GET', `/api/v1/orders/${orders[0]!.id}`, { token: buyerToken });
  const order = detail.json() as { status: string; lines: Array<{ id: string }> };
  assert.equal(order.status, 'paid', detail.body);
  return { id: orders[0]!.id, paymentId: payment.id, lineIds: order.lines.map((l) => l.id) };
}

export async function makeTenants(s: TestServer): Promise<Tenants> {
  const a = await makeShop(s.core, 'owner-a', 50);
  const bBase = await makeShop(s.core, 'owner-b', 50);
  const ownerB0 = await loadActor(s.core.ctx.db, bBase.owner.userId);
  const draft = await createProduct(s.core.ctx, ownerB0, bBase.shopId, {
    categoryId: bBase.categoryId,
    title: '未上架的新品',
    specOptions: [],
    skus: [{ specValues: [], priceFen: 1990, stock: 5 }],
    status: 'draft',
  });
  const b = { ...bBase, draftProductId: draft.id };

  const staff = await makePerson(s.core, 'staff-a', [], false);
  await addStaff(s.core.ctx, a.owner, a.shopId, 'staff-a');
  const address = await addAddress(s.core.ctx, a.owner, {
    name: '李四',
    phone: '13900002222',
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    detail: '科技园 1 号',
  });

  const ownerA: Person = {
    actor: await loadActor(s.core.ctx.db, a.owner.userId),
    token: await s.tokenFor(a.owner.userId),
  };
  const staffA: Person = { actor: await loadActor(s.core.ctx.db, staff.userId), token: await s.tokenFor(staff.userId) };
  const ownerB: Person = { actor: ownerB0, token: await s.tokenFor(ownerB0.userId) };
  const buyer = await person(s, 'buyer-one');
  const otherBuyer = await person(s, 'buyer-two');
  const admin = await person(s, 'the-admin', ['admin']);

  const orderA = await placePaidOrder(s, buyer.token, a.skuIds[0]!, 1);
  const paidB = await placePaidOrder(s, buyer.token, b.skuIds[0]!, 2);
  const shipped = await s.call('POST', `/api/v1/merchant/orders/${paidB.id}/ship`, {
    token: ownerB.token,
    body: { parcels: [{ carrier: '顺丰速运', trackingNo: 'SF0000000001' }] },
  });
  assert.equal(shipped.statusCode, 200, shipped.body);
  const shipmentId = (shipped.json() as { shipmentIds: string[] }).shipmentIds[0]!;

  return {
    a,
    b,
    ownerA,
    staffA,
    ownerB,
    buyer,
    otherBuyer,
    admin,
    addressA: address.id,
    orderA,
    orderB: { ...paidB, shipmentId },
  };
}
