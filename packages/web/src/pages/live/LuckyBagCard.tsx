import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { liveApi, type LuckyBag, type LuckyBagAudit } from '../../api/live';
import { Sheet } from '../../components/Sheet';
import { formatCountdown } from './live-client';

/** 福袋: comment the keyword to enter; after the draw, the winners with the seed and entrants anyone can check. */
export function LuckyBagCard({
  bag,
  now,
  userId,
  onEnter,
}: {
  bag: LuckyBag;
  now: number;
  userId: string | null;
  onEnter(keyword: string): boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [entered, setEntered] = useState(false);
  const [audit, setAudit] = useState<LuckyBagAudit | null>(null);
  const drawn = bag.status === 'drawn';

  useEffect(() => {
    if (open && drawn) liveApi.luckyBag(bag.id).then(setAudit, () => {}); // the result shows from the room's state meanwhile
  }, [open, drawn, bag.id]);

  const winners = audit?.winners ?? bag.winners;
  const won = userId !== null && winners.some((w) => w.userId === userId);
  const joined = entered || (userId !== null && (audit?.entrants.some((e) => e.userId === userId) ?? false));

  return (
    <>
      <button
        type="button"
        className={`live-luckybag${drawn ? ' live-luckybag-drawn' : ''}`}
        onClick={() => setOpen(true)}
        data-testid="lucky-bag"
        data-status={bag.status}
      >
        <span className="live-luckybag-icon" aria-hidden="true">
          福
        </span>
        <small>{drawn ? t('live.luckyBag.drawn') : formatCountdown(bag.drawAt - now)}</small>
      </button>
      {open && (
        <Sheet title={t('live.luckyBag.title')} onClose={() => setOpen(false)} testId="lucky-bag-sheet">
          <div className="live-sheet live-luckybag-sheet">
            <p className="live-luckybag-prize">{bag.prize}</p>
            <p className="muted">{`${t('live.luckyBag.winners', { n: bag.winnerCount })} · ${t('live.luckyBag.entrants', { n: audit?.entrantCount ?? bag.entrantCount })}`}</p>
            {!drawn ? (
              <>
                <p>{t('live.luckyBag.howTo', { keyword: bag.keyword, time: formatCountdown(bag.drawAt - now) })}</p>
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={joined}
                  onClick={() => onEnter(bag.keyword) && setEntered(true)}
                  data-testid="lucky-bag-enter"
                >
                  {joined ? t('live.luckyBag.entered') : t('live.luckyBag.enter', { keyword: bag.keyword })}
                </button>
              </>
            ) : (
              <>
                {userId !== null && (
                  <p className={won ? 'live-luckybag-won' : 'muted'} data-testid="lucky-bag-result">
                    {won ? t('live.luckyBag.won') : t('live.luckyBag.lost')}
                  </p>
                )}
                {winners.length > 0 && (
                  <ul className="live-luckybag-winners">
                    {winners.map((w) => (
                      <li key={w.userId}>{w.userName || w.userId}</li>
                    ))}
                  </ul>
                )}
                <p className="live-luckybag-audit">
                  <small>{t('live.luckyBag.seed', { seed: audit?.seed ?? bag.seed ?? '—' })}</small>
                  <br />
                  <small>{t('live.luckyBag.seedHash', { hash: bag.seedHash })}</small>
                </p>
              </>
            )}
          </div>
        </Sheet>
      )}
    </>
  );
}
