/** The consoles' reports: the merchant dashboard, CSV batch shipping and the admin's shop list. */
import { Type } from 'typebox';
import * as core from '@zhongcao/core';
import { DomainError, type Actor, type AdminShopRow, type BatchShipReport, type CoreContext, type Db, type ShopDashboard } from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { readUploadedFile } from '../http/input.js';
import { Id, ok, okText, PageQuery } from '../http/schemas.js';
import { AdminShopPageSchema, BatchShipReportSchema, DashboardSchema } from './console-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

/** A CSV of 500 rows is about 40 KB; leave room for long carrier names and quoting. */
const MAX_CSV_BYTES = 512 * 1024;

/** What packages/core/src/console exports (see its index.ts). */
interface ConsoleReports {
  shopDashboard(db: Db, actor: Actor, shopId: string, now: number): Promise<ShopDashboard>;
  batchShip(ctx: CoreContext, actor: Actor, shopId: string, csv: Uint8Array): Promise<BatchShipReport>;
  batchShipTemplateCsv(ctx: CoreContext, actor: Actor, shopId: string): Promise<string>;
  adminShops(db: Db, actor: Actor, query: { cursor?: string | undefined; limit?: number | undefined }): Promise<{ items: AdminShopRow[]; nextCursor: string | null }>;
}

/**
 * The console module, once `export * from './console/index.js'` is in packages/core/src/index.ts;
 * looked up at run time so the server compiles (and every other route works) without it.
 */
function consoleReports(): ConsoleReports | null {
  const m = core as unknown as Partial<ConsoleReports>;
  return m.shopDashboard && m.batchShip && m.batchShipTemplateCsv && m.adminShops ? (m as ConsoleReports) : null;
}

export function consoleRoutes(app: App, deps: RouteDeps): void {
  const reports = consoleReports();
  if (!reports) {
    app.log.warn('console reports are not exported from @zhongcao/core: add export * from \'./console/index.js\' to packages/core/src/index.ts');
    return;
  }
  const { ctx } = deps.core;
  const shopParams = Type.Object({ shopId: Id('shop') });

  // Its own scope: the text/csv body parser applies to these routes only.
  void app.register(async (scope) => {
    const r = typed(scope);
    // Bytes, not text: the file may be GBK (as Excel in China saves CSV) or UTF-8; core decodes it.
    scope.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer', bodyLimit: MAX_CSV_BYTES }, (_req, body, done) => done(null, body));

    r.get('/api/v1/merchant/shops/:shopId/dashboard', {
      schema: { tags: ['merchant'], summary: 'Today’s orders, paid orders, GMV, orders to ship and refunds; the last 7 days (Asia/Shanghai); the oldest orders waiting to ship', params: shopParams, response: ok(DashboardSchema, 400, 401, 404) },
    }, async (req) => reports.shopDashboard(ctx.db, actorOf(req), req.params.shopId, ctx.clock.now()));

    r.post('/api/v1/merchant/shops/:shopId/shipments/batch', {
      schema: {
        tags: ['merchant'],
        summary: `Ship many orders from a CSV (body text/csv, or multipart field "file"; UTF-8 with or without BOM, or GBK/GB18030): header orderId,carrier,trackingNo, at most 500 rows; each row is its own transaction and gets its own result`,
        params: shopParams,
        response: ok(BatchShipReportSchema, 400, 401, 404, 413),
      },
    }, async (req) => {
      const actor = actorOf(req);
      core.requireShopMember(actor, req.params.shopId);
      const bytes = await csvBytes(req);
      return reports.batchShip(ctx, actor, req.params.shopId, bytes);
    });

    r.get('/api/v1/merchant/shops/:shopId/shipments/batch/template.csv', {
      schema: { tags: ['merchant'], summary: 'The batch-shipping template: the orders waiting to ship with empty carrier and tracking columns (CSV for Excel: UTF-8 with BOM, CRLF)', params: shopParams, response: okText('text/csv', 'the orders waiting to ship with empty carrier and tracking columns', 401, 404) },
    }, async (req, reply) => {
      const csv = await reports.batchShipTemplateCsv(ctx, actorOf(req), req.params.shopId);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="batch-ship-template.csv"').send(csv);
    });

    r.get('/api/v1/admin/shops', {
      schema: { tags: ['admin'], summary: 'Every shop with its owner, products and orders, newest first', querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }), response: ok(AdminShopPageSchema, 400, 401, 403) },
    }, async (req) => reports.adminShops(ctx.db, actorOf(req), { cursor: req.query.cursor, limit: req.query.limit ?? 20 }));
  });
}

async function csvBytes(req: Parameters<typeof readUploadedFile>[0]): Promise<Uint8Array> {
  if (req.isMultipart()) return readUploadedFile(req, MAX_CSV_BYTES);
  if (/^text\/(csv|plain)\b/i.test(req.headers['content-type'] ?? '') && Buffer.isBuffer(req.body)) return req.body;
  throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'send the CSV as text/csv or as the multipart field "file"', 415);
}
