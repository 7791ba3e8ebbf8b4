/**
 * The simulator's side of the public HTTP API, as the shopper app uses it: sign up, settings,
 * feed pages, events, likes, product pages, and buying (cart → checkout → sandbox cashier).
 * Every request passes a shared pace (requests per second) when one is set.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { ProductFacts, VideoFacts } from './world.js';

export interface Reply {
  status: number;
  body: string;
  /** Seconds from a Retry-After header, when there was one. */
  retryAfter?: number;
}

export interface FeedPage {
  videos: VideoFacts[];
  nextCursor: string | null;
}

export interface SimEvent {
  type: 'impression' | 'view_progress' | 'complete' | 'product_tap' | 'like';
  videoId?: string;
  productId?: string;
  watchMs?: number;
  durationMs?: number;
  at: number;
  clientEventId: string;
}

export class ApiError extends Error {
  constructor(
    readonly what: string,
    readonly reply: Reply,
  ) {
    super(`${what}: HTTP ${reply.status || 'network error'} ${reply.body.slice(0, 300)}`);
  }
}

/** Spaces requests evenly to at most `perSecond` (0: no limit). */
export class Pace {
  private nextAt = 0;
  constructor(private readonly perSecond: number) {}

  async wait(): Promise<void> {
    if (this.perSecond <= 0) return;
    const now = performance.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + 1000 / this.perSecond;
    if (at > now) await sleep(at - now);
  }
}

interface FeedCard {
  id: string;
  durationMs: number | null;
  hashtags: string[];
  creator: { id: string };
  anchors: Array<{ productId: string }>;
}

export class ShopApi {
  readonly pool: Pool;
  requests = 0;
  private readonly products = new Map<string, Promise<ProductFacts | null>>();

  constructor(
    readonly origin: string,
    connections: number,
    private readonly pace: Pace,
  ) {
    this.pool = new Pool(origin, {
      connections,
      pipelining: 1,
      keepAliveTimeout: 60_000,
      headersTimeout: 120_000,
      bodyTimeout: 120_000,
    });
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    headers: Record<string, string> = {},
    body?: string,
    contentType = 'application/json',
  ): Promise<Reply> {
    await this.pace.wait();
    this.requests++;
    try {
      const res = await this.pool.request({
        method,
        path,
        headers: body === undefined ? headers : { 'content-type': contentType, ...headers },
        body,
      });
      const retryAfter = Number(res.headers['retry-after']);
      return { status: res.statusCode, body: await res.body.text(), ...(retryAfter > 0 ? { retryAfter } : {}) };
    } catch (err) {
      return { status: 0, body: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
  }

  /** POST /api/v1/auth/register (token mode) and a default address; waits out 429s, since sign-up is rate-limited per client address. */
  async signUp(login: string, password: string, onWait: (seconds: number) => void): Promise<string> {
    const body = JSON.stringify({ login, password, displayName: login, mode: 'token' });
    for (;;) {
      const reply = await this.request('POST', '/api/v1/auth/register', {}, body);
      if (reply.status === 429) {
        const retry = Math.ceil(reply.retryAfter ?? 10);
        onWait(retry);
        await sleep(retry * 1000);
        continue;
      }
      if (reply.status !== 201) throw new ApiError('sign up', reply);
      const token = (JSON.parse(reply.body) as { token: string }).token;
      const address = JSON.stringify({
        name: login.slice(0, 20),
        phone: '13800001111',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路 1 号',
      });
      const added = await this.request('POST', '/api/v1/me/addresses', auth(token), address);
      if (added.status !== 201) throw new ApiError('add address', added);
      return token;
    }
  }

  async setPersonalised(token: string, on: boolean): Promise<void> {
    const reply = await this.request(
      'PUT',
      '/api/v1/me/settings',
      auth(token),
      JSON.stringify({ personalizedRecommendation: on }),
    );
    if (reply.status !== 200) throw new ApiError('settings', reply);
  }

  /** A recommend page, with each video's products resolved to categories through the product pages (cached). */
  async feedPage(token: string | null, cursor: string | null, limit: number): Promise<FeedPage> {
    const path = `/api/v1/feed?tab=recommend&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const reply = await this.request('GET', path, token ? auth(token) : {});
    if (reply.status !== 200) throw new ApiError('feed page', reply);
    const page = JSON.parse(reply.body) as { items: FeedCard[]; nextCursor: string | null };
    const videos = await Promise.all(
      page.items.map(async (c): Promise<VideoFacts> => {
        const products = (await Promise.all(c.anchors.map((a) => this.product(a.productId)))).filter(
          (p): p is ProductFacts => p !== null,
        );
        return { id: c.id, creatorId: c.creator.id, tags: c.hashtags, durationMs: c.durationMs ?? 15_000, products };
      }),
    );
    return { videos, nextCursor: page.nextCursor };
  }

  /** GET /api/v1/products/:id once per product: its category and a SKU in stock (null when the product is gone). */
  product(productId: string): Promise<ProductFacts | null> {
    let known = this.products.get(productId);
    if (!known) {
      known = this.request('GET', `/api/v1/products/${productId}`).then((reply) => {
        if (reply.status === 404) return null;
        if (reply.status !== 200) throw new ApiError('product page', reply);
        const p = JSON.parse(reply.body) as {
          id: string;
          categoryId: string;
          skus: Array<{ id: string; stock: number }>;
        };
        return { id: p.id, categoryId: p.categoryId, skuId: p.skus.find((s) => s.stock > 0)?.id ?? null };
      });
      this.products.set(productId, known);
    }
    return known;
  }

  async postEvents(token: string, events: SimEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += 100) {
      const reply = await this.request(
        'POST',
        '/api/v1/events',
        auth(token),
        JSON.stringify({ events: events.slice(i, i + 100) }),
      );
      if (reply.status !== 202) throw new ApiError('events', reply);
    }
  }

  async like(token: string, videoId: string): Promise<void> {
    const reply = await this.request('POST', `/api/v1/videos/${videoId}/like`, auth(token));
    if (reply.status !== 200) throw new ApiError('like', reply);
  }

  /**
   * One unit of the product: into the cart, checkout of the cart, then the sandbox cashier's
   * "pay" button. Returns false when the SKU sold out meanwhile (the cart is emptied again).
   */
  async buy(token: string, product: ProductFacts, video: VideoFacts, idempotencyKey: string): Promise<boolean> {
    if (!product.skuId) return false;
    const attribution = { source: 'feed', contentId: video.id, creatorId: video.creatorId };
    const put = await this.request(
      'PUT',
      '/api/v1/cart/items',
      auth(token),
      JSON.stringify({ skuId: product.skuId, quantity: 1, attribution }),
    );
    if (put.status === 404 || put.status === 409) return false;
    if (put.status !== 200) throw new ApiError('cart', put);
    const placed = await this.request(
      'POST',
      '/api/v1/checkout',
      { ...auth(token), 'idempotency-key': idempotencyKey },
      '{}',
    );
    if (placed.status === 409 || placed.status === 422) {
      await this.request('DELETE', `/api/v1/cart/items/${product.skuId}`, auth(token));
      this.products.delete(product.id); // read the stock again next time
      return false;
    }
    if (placed.status !== 201) throw new ApiError('checkout', placed);
    const paymentId = (JSON.parse(placed.body) as { payment: { id: string } }).payment.id;
    const cashier = await this.request('GET', `/api/v1/payments/${paymentId}/cashier?format=json`, auth(token));
    if (cashier.status !== 200) throw new ApiError('cashier', cashier);
    const { pathname } = new URL((JSON.parse(cashier.body) as { cashierUrl: string }).cashierUrl, this.origin);
    const paid = await this.request('POST', pathname, {}, 'outcome=paid', 'application/x-www-form-urlencoded');
    if (paid.status !== 303) throw new ApiError('sandbox cashier', paid);
    return true;
  }
}

const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
