/**
 * The sandbox gateway's own pages: its cashier (收银台) where the payer confirms or declines;
 * once paid it returns to the merchant's return URL (the order) by itself.
 * This stands in for the gateway's site; the platform learns the outcome only from the signed
 * notification the gateway then sends.
 */
import { Type } from 'typebox';
import { formatFen } from '@zhongcao/core';
import { Id } from '../http/schemas.js';
import { typed, type App, type RouteDeps } from './types.js';

/** After a successful payment the cashier shows 支付成功 this long, then takes the payer back to the merchant's page by itself, as real cashiers do. */
const RETURN_AFTER_MS = 1200;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type CashierLang = 'zh-CN' | 'en';

/** The cashier's words, in the payer's language (asked with ?lang=, else the browser's Accept-Language). */
const CASHIER_TEXT: Record<
  CashierLang,
  Record<
    | 'title'
    | 'heading'
    | 'sub'
    | 'timeLeft'
    | 'pay'
    | 'decline'
    | 'back'
    | 'returning'
    | 'backToOrder'
    | 'created'
    | 'expired'
    | 'paid'
    | 'failed'
    | 'closed',
    string
  >
> = {
  'zh-CN': {
    title: '收银台 · Zhongcao Sandbox Pay',
    heading: '收银台',
    sub: 'Zhongcao Sandbox Pay · 沙箱支付（不扣真实资金）',
    timeLeft: '剩余支付时间',
    pay: '确认支付',
    decline: '模拟支付失败',
    back: '返回商城',
    returning: '正在返回订单…',
    backToOrder: '返回订单',
    created: '待支付',
    expired: '已过期',
    paid: '支付成功',
    failed: '支付失败',
    closed: '已关闭',
  },
  en: {
    title: 'Cashier · Zhongcao Sandbox Pay',
    heading: 'Cashier',
    sub: 'Zhongcao Sandbox Pay · sandbox payments (no real money moves)',
    timeLeft: 'Time left to pay',
    pay: 'Pay',
    decline: 'Simulate a declined payment',
    back: 'Back to the shop',
    returning: 'Returning to your order…',
    backToOrder: 'Back to the order',
    created: 'Awaiting payment',
    expired: 'Expired',
    paid: 'Paid',
    failed: 'Payment failed',
    closed: 'Closed',
  },
};

export function cashierLanguage(asked: string | undefined, acceptLanguage: string | undefined): CashierLang {
  if (asked === 'en' || asked === 'zh-CN') return asked;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

function cashierPage(
  t: { id: string; amountFen: number; description: string; status: string; expiresAt: number; returnUrl: string },
  now: number,
  lang: CashierLang,
): string {
  const w = CASHIER_TEXT[lang];
  const open = t.status === 'created' && t.expiresAt > now;
  const statusText: Record<string, string> = {
    created: open ? w.created : w.expired,
    paid: w.paid,
    failed: w.failed,
    closed: w.closed,
  };
  const action = `/sandbox/cashier/${t.id}?lang=${lang}`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${w.title}</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#f5f5f5;margin:0;display:flex;justify-content:center}
main{background:#fff;max-width:420px;width:100%;min-height:100vh;padding:24px;box-sizing:border-box}
h1{font-size:18px;margin:0 0 4px}.sub{color:#888;font-size:13px}.amount{font-size:40px;color:#fe2c55;font-weight:700;margin:24px 0 8px;text-align:center}
.count{text-align:center;color:#666}button{display:block;width:100%;padding:14px;border:0;border-radius:8px;font-size:16px;margin-top:14px;cursor:pointer}
.pay{background:#fe2c55;color:#fff}.fail{background:#eee;color:#333}.status{text-align:center;font-size:18px;margin-top:24px}a{color:#fe2c55}</style></head>
<body><main><h1>${w.heading}</h1><div class="sub">${w.sub}</div>
<div class="amount" data-testid="cashier-amount">${formatFen(t.amountFen)}</div>
<div class="sub" style="text-align:center" data-user-content>${escapeHtml(t.description)}</div>
${
  open
    ? `<div class="count">${w.timeLeft} <span id="left" data-deadline="${t.expiresAt}"></span></div>
<form method="post" action="${action}"><input type="hidden" name="outcome" value="paid"><button class="pay" type="submit" data-testid="cashier-pay">${w.pay}</button></form>
<form method="post" action="${action}"><input type="hidden" name="outcome" value="failed"><button class="fail" type="submit">${w.decline}</button></form>
<script>const el=document.getElementById('left');const d=+el.dataset.deadline;function tick(){const s=Math.max(0,Math.round((d-Date.now())/1000));el.textContent=String(Math.floor(s/60)).padStart(2,'0')+':'+String(s%60).padStart(2,'0');if(s===0)location.reload()}tick();setInterval(tick,1000)</script>`
    : `<div class="status" data-testid="cashier-status">${statusText[t.status] ?? t.status}</div>`
}
${
  t.status === 'paid'
    ? `<p class="count" data-testid="cashier-returning">${w.returning}</p>
<p style="text-align:center;margin-top:32px"><a id="back" href="${escapeHtml(t.returnUrl)}">${w.backToOrder}</a></p>
<script>setTimeout(function(){location.replace(document.getElementById('back').href)},${RETURN_AFTER_MS})</script>`
    : `<p style="text-align:center;margin-top:32px"><a href="${escapeHtml(t.returnUrl)}">${w.back}</a></p>`
}</main></body></html>`;
}

export function sandboxRoutes(app: App, deps: RouteDeps): void {
  const { sandbox, ctx } = deps.core;
  const params = Type.Object({ txnId: Id('sandboxTxn') });
  const querystring = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])) });
  const r = typed(app);

  r.get('/sandbox/cashier/:txnId', { schema: { hide: true, params, querystring } }, async (req, reply) => {
    const txn = await sandbox.transaction(req.params.txnId);
    const lang = cashierLanguage(req.query.lang, req.headers['accept-language']);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('vary', 'accept-language')
      .send(cashierPage(txn, ctx.clock.now(), lang));
  });

  r.post(
    '/sandbox/cashier/:txnId',
    {
      schema: {
        hide: true,
        params,
        querystring,
        body: Type.Object({ outcome: Type.Union([Type.Literal('paid'), Type.Literal('failed')]) }),
      },
    },
    async (req, reply) => {
      const txn = await sandbox.complete(req.params.txnId, req.body.outcome);
      deps.kickWorker();
      return reply.redirect(`/sandbox/cashier/${txn.id}${req.query.lang ? `?lang=${req.query.lang}` : ''}`, 303);
    },
  );
}
