import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, Card, Input, InputNumber, List, Modal, Tag, Toast } from '@douyinfe/semi-ui-19';
import { liveApi, type LuckyBag, type Room } from '../../../../api/live';
import { formatDateTime } from '../../../../lib/format';
import { formatFen } from '../../../../lib/money';
import { errorText } from '../../shell/common';
import { yuanToFen } from './sale-form';

async function send(
  action: () => Promise<unknown>,
  done: string,
  t: (k: string) => string,
  onChanged: () => void,
): Promise<boolean> {
  try {
    await action();
    Toast.success(done);
    onChanged();
    return true;
  } catch (e) {
    Toast.error(errorText(e, t));
    return false;
  }
}

/** 直播间优惠券: an amount off above a minimum spend, a number of them for viewers to claim. */
export function CouponCard({ room, onChanged }: { room: Room; onChanged(): void }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  const [minSpend, setMinSpend] = useState('');
  const [quantity, setQuantity] = useState<number | null>(100);
  const [busy, setBusy] = useState(false);
  const amountFen = yuanToFen(amount);
  const minFen = minSpend.trim() === '' ? 0 : yuanToFen(minSpend);
  const valid =
    amountFen !== null &&
    amountFen > 0 &&
    minFen !== null &&
    (minFen === 0 || amountFen < minFen) &&
    quantity !== null &&
    quantity >= 1;
  async function create() {
    if (!valid) return;
    setBusy(true);
    if (
      await send(
        () => liveApi.addCoupon(room.id, { amountFen: amountFen!, minSpendFen: minFen!, quantity: quantity! }),
        t('liveConsole.coupon.created'),
        t,
        onChanged,
      )
    )
      setAmount('');
    setBusy(false);
  }
  return (
    <Card className="lc-card" title={t('liveConsole.coupon.title')} data-testid="live-coupon-card">
      <div className="lc-form">
        <label>
          <span>{t('liveConsole.coupon.amount')}</span>
          <Input prefix="¥" value={amount} onChange={setAmount} data-testid="live-coupon-amount" />
        </label>
        <label>
          <span>{t('liveConsole.coupon.minSpend')}</span>
          <Input prefix="¥" value={minSpend} onChange={setMinSpend} placeholder={t('liveConsole.coupon.noMin')} />
        </label>
        <label>
          <span>{t('liveConsole.coupon.quantity')}</span>
          <InputNumber
            min={1}
            value={quantity ?? undefined}
            onChange={(v) => setQuantity(typeof v === 'number' ? v : null)}
          />
        </label>
      </div>
      {amount !== '' && !valid && (
        <Banner type="warning" fullMode={false} closeIcon={null} description={t('liveConsole.coupon.invalid')} />
      )}
      <Button
        theme="solid"
        type="primary"
        disabled={!valid}
        loading={busy}
        onClick={() => void create()}
        style={{ marginTop: 12 }}
        data-testid="live-coupon-create"
      >
        {t('liveConsole.coupon.create')}
      </Button>
      {room.coupons.length > 0 && (
        <List
          size="small"
          dataSource={room.coupons}
          renderItem={(c) => (
            <List.Item>
              {`${formatFen(c.amountFen)} · ${c.minSpendFen > 0 ? t('liveConsole.coupon.over', { amount: formatFen(c.minSpendFen) }) : t('liveConsole.coupon.noMin')} · ${t('liveConsole.coupon.left', { n: c.remaining, total: c.quantity })}`}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 福袋: viewers who comment the keyword enter; the draw at the set time is recorded (seed, entrants) for audit. */
export function LuckyBagFormCard({ room, onChanged }: { room: Room; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const [keyword, setKeyword] = useState('');
  const [prize, setPrize] = useState('');
  const [winners, setWinners] = useState<number | null>(1);
  const [minutes, setMinutes] = useState<number | null>(5);
  const [busy, setBusy] = useState(false);
  const valid =
    keyword.trim().length >= 1 &&
    keyword.trim().length <= 20 &&
    prize.trim().length >= 1 &&
    prize.trim().length <= 60 &&
    (winners ?? 0) >= 1 &&
    (minutes ?? 0) >= 1 &&
    (minutes ?? 0) <= 1440;
  async function create() {
    if (!valid) return;
    setBusy(true);
    const body = {
      keyword: keyword.trim(),
      prize: prize.trim(),
      winners: winners!,
      drawAt: Date.now() + minutes! * 60_000,
    };
    if (await send(() => liveApi.addLuckyBag(room.id, body), t('liveConsole.luckyBag.created'), t, onChanged))
      setKeyword(''), setPrize('');
    setBusy(false);
  }
  async function audit(bag: LuckyBag) {
    try {
      const a = await liveApi.luckyBag(bag.id);
      Modal.info({
        title: t('liveConsole.luckyBag.auditTitle'),
        content: (
          <div className="lc-audit">
            <p>{t('liveConsole.luckyBag.auditSeed', { seed: a.seed ?? '—' })}</p>
            <p>{t('liveConsole.luckyBag.auditEntrants', { n: a.entrantCount })}</p>
            <p>
              {t('liveConsole.luckyBag.auditWinners', {
                names: a.winners.map((w) => w.userName || w.userId).join('、') || '—',
              })}
            </p>
          </div>
        ),
      });
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }
  return (
    <Card className="lc-card" title={t('liveConsole.luckyBag.title')} data-testid="live-luckybag-card">
      <div className="lc-form">
        <label>
          <span>{t('liveConsole.luckyBag.keyword')}</span>
          <Input value={keyword} onChange={setKeyword} maxLength={20} />
        </label>
        <label>
          <span>{t('liveConsole.luckyBag.prize')}</span>
          <Input value={prize} onChange={setPrize} maxLength={60} />
        </label>
        <label>
          <span>{t('liveConsole.luckyBag.winners')}</span>
          <InputNumber
            min={1}
            max={1000}
            value={winners ?? undefined}
            onChange={(v) => setWinners(typeof v === 'number' ? v : null)}
          />
        </label>
        <label>
          <span>{t('liveConsole.luckyBag.drawIn')}</span>
          <InputNumber
            min={1}
            max={1440}
            suffix={t('liveConsole.minutes')}
            value={minutes ?? undefined}
            onChange={(v) => setMinutes(typeof v === 'number' ? v : null)}
          />
        </label>
      </div>
      <Button
        theme="solid"
        type="primary"
        disabled={!valid}
        loading={busy}
        onClick={() => void create()}
        style={{ marginTop: 12 }}
      >
        {t('liveConsole.luckyBag.create')}
      </Button>
      {room.luckyBags.length > 0 && (
        <List
          size="small"
          dataSource={room.luckyBags}
          renderItem={(b) => (
            <List.Item
              extra={
                b.status === 'drawn' ? (
                  <Button size="small" onClick={() => void audit(b)}>
                    {t('liveConsole.luckyBag.audit')}
                  </Button>
                ) : null
              }
            >
              {`「${b.keyword}」${b.prize} × ${b.winnerCount} · ${formatDateTime(b.drawAt, i18n.language)} `}
              <Tag size="small" color={b.status === 'drawn' ? 'grey' : 'orange'}>
                {t(`liveConsole.luckyBag.statuses.${b.status}`)}
              </Tag>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
