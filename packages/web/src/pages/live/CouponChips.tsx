import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { liveApi, type LiveCoupon } from '../../api/live';
import { walletApi } from '../../api/wallet';
import { useAuth } from '../../auth/AuthContext';
import { formatFen } from '../../lib/money';
import { useLiveErrorText } from './LiveError';

/**
 * 直播间专享券: claim with one tap; the answer (领取成功 or why not) shows as a toast. Coupons the
 * signed-in viewer already holds (from the server, so a reload keeps them) show 已领取.
 */
export function CouponChips({
  roomId,
  coupons,
  onNeedLogin,
  onToast,
}: {
  roomId: string;
  coupons: LiveCoupon[];
  onNeedLogin(): boolean;
  onToast(text: string): void;
}) {
  const { t } = useTranslation();
  const errorText = useLiveErrorText();
  const { auth } = useAuth();
  const userId = auth.user?.id ?? null;
  const [claimed, setClaimed] = useState<Set<string>>(() => new Set());
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    if (!userId) return setClaimed(new Set());
    let live = true;
    walletApi.claimedInRoom(roomId).then(
      (res) => live && setClaimed((s) => new Set([...s, ...res.couponIds])),
      () => {}, // the chips still work; a claim answers COUPON_ALREADY_CLAIMED
    );
    return () => {
      live = false;
    };
  }, [roomId, userId]);
  const visible = coupons.filter((c) => claimed.has(c.id) || c.remaining > 0);
  if (visible.length === 0) return null;
  async function claim(coupon: LiveCoupon) {
    if (onNeedLogin()) return;
    setBusy(coupon.id);
    try {
      await liveApi.claimCoupon(coupon.id);
      setClaimed((s) => new Set(s).add(coupon.id));
      onToast(t('live.coupon.claimed'));
    } catch (e) {
      if (e instanceof ApiError && e.is('COUPON_ALREADY_CLAIMED')) setClaimed((s) => new Set(s).add(coupon.id));
      onToast(errorText(e));
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="live-coupons">
      {visible.map((c) => {
        const done = claimed.has(c.id);
        return (
          <button
            key={c.id}
            type="button"
            className={`live-coupon${done ? ' live-coupon-done' : ''}`}
            disabled={done || busy === c.id}
            onClick={() => void claim(c)}
            data-testid="live-coupon"
          >
            <strong>{formatFen(c.amountFen)}</strong>
            <small>
              {c.minSpendFen > 0
                ? t('live.coupon.minSpend', { amount: formatFen(c.minSpendFen) })
                : t('live.coupon.noMin')}
            </small>
            <span>{done ? t('live.coupon.done') : t('live.coupon.claim')}</span>
          </button>
        );
      })}
    </div>
  );
}
