import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkout } from '../checkout/index.js';
import { statementsExecuted } from '../storage/index.js';
import { makePerson, makeShop, openTestCore, type TestCore } from '../test-support/index.js';
import { addAddress } from '../accounts/index.js';
import { placeSaleOrder } from '../live/index.js';
import { LIVE_SALE_PAY_BY } from '../live/index.js';
import { liveShopRoom } from '../live/test-support/index.js';
import { createPlan } from '../affiliate/index.js';
import { decideSample, requestSample } from '../affiliate/index.js';
import { makeWorld } from '../affiliate/test-support/index.js';
import { DEADLINE } from '../rules/index.js';
import { DEFAULT_RULES } from '../rules/index.js';
import { checkDraftMoney, type OrderDraft } from './placement.js';
import { applyNotification } from './payment-capture.js';

const CHECKOUT_STATEMENTS = 17;
const PAYMENT_STATEMENTS = 18;

/** Statements one call runs (nothing else may run meanwhile: the counter is per process). */
async function counted<T>(run: () => Promise<T>): Promise<{ value: T; statements: number }> {
  const before = statementsExecuted();
  const value = await run();
  return { value, statements: statementsExecuted() - before };
}

test('a paid checkout of one line runs a bounded number of SQL statements (checkout, then the payment notification)', async (t) => {
  const core = await openTestCore();
  try {
    const shop = await makeShop(core, 'stmt-shop', 1000);
    const buyers = [await makePerson(core, 'stmt-buyer-0'), await makePerson(core, 'stmt-buyer-1')];
    const counts: Array<{ checkout: number; payment: number }> = [];
    for (const [i, buyer] of [...buyers, ...buyers].entries()) {
      const placed = await counted(() =>
        checkout(
          core.ctx,
          buyer,
          { items: [{ skuId: shop.skuIds[0]!, quantity: 1, attribution: { source: 'feed' } }] },
          `stmt-key-${i}-0000`,
        ),
      );
      const pay = placed.value.body.payment;
      const paid = await counted(() =>
        applyNotification(
          core.ctx,
          'sandbox',
          {
            eventId: `stmt-${i}:paid`,
            kind: 'payment.succeeded',
            paymentId: pay.id,
            providerTxnId: `sbx_stmt_${i}`,
            amountFen: pay.amountFen,
            at: core.clock.now(),
          },
          '{}',
        ),
      );
      assert.equal(paid.value.outcome, 'applied');
      counts.push({ checkout: placed.statements, payment: paid.statements });
    }
    const last = counts.at(-1)!;
    t.diagnostic(
      `statements per paid order: checkout ${last.checkout}, payment notification ${last.payment}, total ${last.checkout + last.payment}`,
    );
    // The budget (begin and commit included): 17 + 22 before order placement had one writer and the hot paths were cut.
    assert.ok(
      last.checkout <= CHECKOUT_STATEMENTS,
      `a one-line checkout runs ${last.checkout} statements, more than ${CHECKOUT_STATEMENTS}`,
    );
    assert.ok(
      last.payment <= PAYMENT_STATEMENTS,
      `a payment notification runs ${last.payment} statements, more than ${PAYMENT_STATEMENTS}`,
    );
  } finally {
    await core.dispose();
  }
});

/** Everything placement wrote for one order, in a shape that does not depend on ids or times. */
async function placedShape(core: TestCore, orderId: string) {
  const db = core.ctx.db;
  const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
  const checkouts = await db
    .selectFrom('checkouts')
    .select(['buyer_id', 'total_fen'])
    .where('id', '=', order.checkout_id)
    .execute();
  const lines = await db
    .selectFrom('order_lines')
    .select(['sku_id', 'quantity', 'rules'])
    .where('order_id', '=', orderId)
    .execute();
  const reservations = await db
    .selectFrom('stock_reservations')
    .select(['sku_id', 'quantity', 'status'])
    .where('order_id', '=', orderId)
    .execute();
  const transitions = await db
    .selectFrom('order_transitions')
    .select(['from_status', 'to_status', 'actor_id', 'reason_code'])
    .where('order_id', '=', orderId)
    .execute();
  const events = await db
    .selectFrom('outbox')
    .select(['topic', 'payload'])
    .where('subject_id', '=', orderId)
    .orderBy('id')
    .execute();
  const timers = await db
    .selectFrom('timers')
    .select(['kind', 'status', 'due_at', 'scope_id'])
    .where('subject_id', '=', orderId)
    .execute();
  const created = events
    .filter((e) => e.topic === 'order.created')
    .map((e) => JSON.parse(e.payload) as Record<string, unknown>);
  return {
    status: order.status,
    rulesSnapshot:
      Object.keys(JSON.parse(order.rules) as object).length > 0 &&
      lines.every((l) => Object.keys(JSON.parse(l.rules) as object).length > 0),
    checkout: checkouts.map((c) => [c.buyer_id === order.buyer_id, Number(c.total_fen) === Number(order.total_fen)]),
    reservations: reservations.map((r) => [
      r.sku_id === lines[0]!.sku_id,
      Number(r.quantity) === Number(lines[0]!.quantity),
      r.status,
    ]),
    transitions: transitions.map((t) => [t.from_status, t.to_status, t.reason_code !== '']),
    createdEvent: created.map((p) =>
      Object.keys(p)
        .filter((k) => ['orderId', 'shopId', 'buyerId', 'totalFen', 'status'].includes(k))
        .sort(),
    ),
    topics: events.map((e) => e.topic),
    timers: timers.map((t) => [
      t.status,
      t.scope_id === order.shop_id,
      Number(t.due_at) === Number(order.status === 'paid' ? order.ship_by_at : order.pay_deadline),
    ]),
    timerKind: timers.map((t) => t.kind),
  };
}

test('every door places its orders the same way: one checkout, lines with rule snapshots, stock reserved, one first transition, order.created, one deadline', async () => {
  const core = await openTestCore();
  try {
    const { ctx } = core;
    // Door 1: checkout.
    const shop = await makeShop(core, 'door-shop', 100);
    const buyer = await makePerson(core, 'door-buyer');
    const viaCheckout = (
      await checkout(ctx, buyer, { items: [{ skuId: shop.skuIds[0]!, quantity: 2, attribution: { source: 'feed' } }] })
    ).body.orders[0]!.id;
    // Door 2: a flash sale's group commit (two buyers at once form one group).
    const live = await liveShopRoom(core, 'door-live', { quantity: 10, perPersonLimit: 2 });
    const fans = [await makePerson(core, 'door-fan-0'), await makePerson(core, 'door-fan-1')];
    const [viaSale] = await Promise.all(fans.map((f) => placeSaleOrder(ctx, f, live.sale.id, { quantity: 2 })));
    // Door 3: an approved sample.
    const w = await makeWorld(core, 'door-smp');
    await addAddress(ctx, w.creator, {
      name: '李达人',
      phone: '13900002222',
      province: '广东省',
      city: '广州市',
      district: '天河区',
      detail: '体育西路 1 号',
    });
    await createPlan(ctx, w.shop.owner, w.shop.productId, { kind: 'general', rateBp: 2000 });
    const asked = await requestSample(ctx, w.creator, { productId: w.shop.productId, skuId: w.shop.skuIds[0]! });
    const viaSample = (await decideSample(ctx, w.shop.owner, asked.id, { decision: 'approve' })).orderId!;

    const [a, b, c] = [
      await placedShape(core, viaCheckout),
      await placedShape(core, viaSale!.body.orderId),
      await placedShape(core, viaSample),
    ];
    const common = {
      rulesSnapshot: true,
      checkout: [[true, true]],
      createdEvent: [['buyerId', 'orderId', 'shopId', 'status', 'totalFen']],
      timers: [['pending', true, true]],
    };
    for (const [door, shape] of [
      ['checkout', a],
      ['flash sale', b],
      ['sample', c],
    ] as const)
      assert.deepEqual(
        {
          ...shape,
          status: undefined,
          reservations: undefined,
          transitions: undefined,
          topics: undefined,
          timerKind: undefined,
        },
        {
          ...common,
          status: undefined,
          reservations: undefined,
          transitions: undefined,
          topics: undefined,
          timerKind: undefined,
        },
        door,
      );
    // Unpaid doors: reserved stock, ''→unpaid, order.created, the pay-by deadline of the door.
    for (const [shape, kind] of [
      [a, DEADLINE.payBy],
      [b, LIVE_SALE_PAY_BY],
    ] as const) {
      assert.deepEqual(
        [shape.status, shape.reservations, shape.transitions, shape.topics, shape.timerKind],
        ['unpaid', [[true, true, 'reserved']], [['', 'unpaid', true]], ['order.created'], [kind]],
      );
    }
    // Placed paid (a sample): stock committed, ''→paid, order.created then order.paid, the ship-by deadline.
    assert.deepEqual(
      [c.status, c.reservations, c.transitions, c.topics, c.timerKind],
      ['paid', [[true, true, 'committed']], [['', 'paid', true]], ['order.created', 'order.paid'], [DEADLINE.shipBy]],
    );
  } finally {
    await core.dispose();
  }
});

test('a draft whose money does not add up is refused before anything is written, whichever door built it', () => {
  const line = {
    product_id: 'prd_1',
    sku_id: 'sku_1',
    category_id: 'cat_1',
    title: 't',
    spec_values: '[]',
    unit_price_fen: 990,
    quantity: 2,
    line_total_fen: 1980,
    discount_fen: 0,
    ship_by_hours: 48,
    fee_rate_bp: 500,
    perishable: 0,
    rules: DEFAULT_RULES,
    attr_source: 'feed',
  };
  const draft: OrderDraft = {
    id: 'ord_1',
    checkoutId: 'chk_1',
    shopId: 'shp_1',
    buyerId: 'usr_1',
    status: 'unpaid',
    itemsFen: 1980,
    discountFen: 0,
    shippingFeeFen: 800,
    totalFen: 2780,
    address: {},
    buyerNote: '',
    rules: DEFAULT_RULES,
    payDeadline: 0,
    promisedShipByAt: null,
    lines: [line],
    placedBy: { kind: 'buyer', id: 'usr_1' },
    reason: { code: 'order_placed' },
  };
  assert.doesNotThrow(() => checkDraftMoney(draft));
  assert.throws(() => checkDraftMoney({ ...draft, totalFen: 2779 }), /does not add up/);
  assert.throws(
    () => checkDraftMoney({ ...draft, itemsFen: 1000, totalFen: 1800 }),
    /does not add up/,
    'items are the lines’ totals',
  );
  assert.throws(
    () => checkDraftMoney({ ...draft, lines: [{ ...line, line_total_fen: -1 }], itemsFen: -1, totalFen: 799 }),
    /does not add up/,
  );
  assert.throws(() => checkDraftMoney({ ...draft, lines: [] }), /does not add up/, 'an order has lines');
});
