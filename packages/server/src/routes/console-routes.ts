/** The consoles' reports: the merchant dashboard, CSV batch shipping and the admin's shop list. */
import { Type } from 'typebox';
import {
  adminShops,
  batchShip,
  batchShipTemplateCsv,
  DomainError,
  requireShopMember,
  shopDashboard,
} from '@zhongcao/core';
import { actorOf } from '../http/auth.js';
import { readUploadedFile } from '../http/input.js';
import { errors, Id, ok, PageQuery } from '../http/schemas.js';
import { textAnswer } from './system-schemas.js';
import { AdminShopsResultSchema, BatchShipReportSchema, ShopDashboardSchema } from './console-schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

/** A CSV of 500 rows is about 40 KB; leave room for long carrier names and quoting. */
const MAX_CSV_BYTES = 512 * 1024;

export function consoleRoutes(app: App, deps: RouteDeps): void {
  const { ctx } = deps.core;
  const shopParams = Type.Object({ shopId: Id('shop') });

  // Its own scope: the text/csv body parser applies to these routes only.
  void app.register(async (scope) => {
    const r = typed(scope);
    // Bytes, not text: the file may be GBK (as Excel in China saves CSV) or UTF-8; core decodes it.
    scope.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'buffer', bodyLimit: MAX_CSV_BYTES },
      (_req, body, done) => done(null, body),
    );

    r.get(
      '/api/v1/merchant/shops/:shopId/dashboard',
      {
        schema: {
          tags: ['merchant'],
          summary:
            'Today’s orders, paid orders, GMV, orders to ship and refunds; the last 7 days (Asia/Shanghai); the oldest orders waiting to ship',
          params: shopParams,
          response: ok(ShopDashboardSchema, 400, 401, 404),
        },
      },
      async (req) => shopDashboard(ctx.db, actorOf(req), req.params.shopId, ctx.clock.now()),
    );

    r.post(
      '/api/v1/merchant/shops/:shopId/shipments/batch',
      {
        schema: {
          tags: ['merchant'],
          summary: `Ship many orders from a CSV (body text/csv, or multipart field "file"; UTF-8 with or without BOM, or GBK/GB18030): header orderId,carrier,trackingNo, at most 500 rows; each row is its own transaction and gets its own result`,
          params: shopParams,
          response: ok(BatchShipReportSchema, 400, 401, 404, 413),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        requireShopMember(actor, req.params.shopId);
        const bytes = await csvBytes(req);
        return batchShip(ctx, actor, req.params.shopId, bytes);
      },
    );

    r.get(
      '/api/v1/merchant/shops/:shopId/shipments/batch/template.csv',
      {
        schema: {
          tags: ['merchant'],
          summary:
            'The batch-shipping template: the orders waiting to ship with empty carrier and tracking columns (CSV for Excel: UTF-8 with BOM, CRLF)',
          params: shopParams,
          response: { 200: textAnswer('the CSV file (UTF-8 with BOM, CRLF)', 'text/csv'), ...errors(401, 404) },
        },
      },
      async (req, reply) => {
        const csv = await batchShipTemplateCsv(ctx, actorOf(req), req.params.shopId);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="batch-ship-template.csv"')
          .send(csv);
      },
    );

    r.get(
      '/api/v1/admin/shops',
      {
        schema: {
          tags: ['admin'],
          summary: 'Every shop with its owner, products and orders, newest first',
          querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
          response: ok(AdminShopsResultSchema, 400, 401, 403),
        },
      },
      async (req) => adminShops(ctx.db, actorOf(req), { cursor: req.query.cursor, limit: req.query.limit ?? 20 }),
    );
  });
}

async function csvBytes(req: Parameters<typeof readUploadedFile>[0]): Promise<Uint8Array> {
  if (req.isMultipart()) return readUploadedFile(req, MAX_CSV_BYTES);
  if (/^text\/(csv|plain)\b/i.test(req.headers['content-type'] ?? '') && Buffer.isBuffer(req.body)) return req.body;
  throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'send the CSV as text/csv or as the multipart field "file"');
}
