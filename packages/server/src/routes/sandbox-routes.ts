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

function cashierPage(t: { id: string; amountFen: number; description: string; status: string; expiresAt: number; returnUrl: string }, now: number): string {
  const open = t.status === 'created' && t.expiresAt > now;
  const statusText: Record<string, string> = { created: open ? '待支付' : '已过期', paid: '支付成功', failed: '支付失败', closed: '已关闭' };
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>收银台 · Zhongcao Sandbox Pay</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#f5f5f5;margin:0;display:flex;justify-content:center}
main{background:#fff;max-width:420px;width:100%;min-height:100vh;padding:24px;box-sizing:border-box}
h1{font-size:18px;margin:0 0 4px}.sub{color:#888;font-size:13px}.amount{font-size:40px;color:#fe2c55;font-weight:700;margin:24px 0 8px;text-align:center}
.count{text-align:center;color:#666}button{display:block;width:100%;padding:14px;border:0;border-radius:8px;font-size:16px;margin-top:14px;cursor:pointer}
.pay{background:#fe2c55;color:#fff}.fail{background:#eee;color:#333}.status{text-align:center;font-size:18px;margin-top:24px}a{color:#fe2c55}</style></head>
<body><main><h1>收银台 Cashier</h1><div class="sub">Zhongcao Sandbox Pay · 沙箱支付（不扣真实资金）</div>
<div class="amount" data-testid="cashier-amount">${formatFen(t.amountFen)}</div>
<div class="sub" style="text-align:center">${escapeHtml(t.description)}</div>
${open ? `<div class="count">剩余支付时间 <span id="left" data-deadline="${t.expiresAt}"></span></div>
<form method="post" action="/sandbox/cashier/${t.id}"><input type="hidden" name="outcome" value="paid"><button class="pay" type="submit" data-testid="cashier-pay">确认支付 Pay</button></form>
<form method="post" action="/sandbox/cashier/${t.id}"><input type="hidden" name="outcome" value="failed"><button class="fail" type="submit">模拟支付失败 Decline</button></form>
<script>const el=document.getElementById('left');const d=+el.dataset.deadline;function tick(){const s=Math.max(0,Math.round((d-Date.now())/1000));el.textContent=String(Math.floor(s/60)).padStart(2,'0')+':'+String(s%60).padStart(2,'0');if(s===0)location.reload()}tick();setInterval(tick,1000)</script>`
    : `<div class="status" data-testid="cashier-status">${statusText[t.status] ?? t.status}</div>`}
${t.status === 'paid'
    ? `<p class="count" data-testid="cashier-returning">正在返回订单… Returning to your order</p>
<p style="text-align:center;margin-top:32px"><a id="back" href="${escapeHtml(t.returnUrl)}">返回订单 Back to the order</a></p>
<script>setTimeout(function(){location.replace(document.getElementById('back').href)},${RETURN_AFTER_MS})</script>`
    : `<p style="text-align:center;margin-top:32px"><a href="${escapeHtml(t.returnUrl)}">返回商城 Back to the shop</a></p>`}</main></body></html>`;
}

export function sandboxRoutes(app: App, deps: RouteDeps): void {
  const { sandbox, ctx } = deps.core;
  const params = Type.Object({ txnId: Id('sandboxTxn') });
  const r = typed(app);

  r.get('/sandbox/cashier/:txnId', { schema: { hide: true, params } }, async (req, reply) => {
    const txn = await sandbox.transaction(req.params.txnId);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(cashierPage(txn, ctx.clock.now()));
  });

  r.post('/sandbox/cashier/:txnId', {
    schema: { hide: true, params, body: Type.Object({ outcome: Type.Union([Type.Literal('paid'), Type.Literal('failed')]) }) },
  }, async (req, reply) => {
    const txn = await sandbox.complete(req.params.txnId, req.body.outcome);
    deps.kickWorker();
    return reply.redirect(`/sandbox/cashier/${txn.id}`, 303);
  });
}
