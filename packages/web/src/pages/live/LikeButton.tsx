import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HeartIcon } from '../../components/Icons';
import { formatCount } from '../../lib/format';

const HEART_COLOURS = ['#fe2c55', '#ff8a3d', '#ffc300', '#ff5ca8', '#8a7dff'];

/** The heart on the right: every tap floats a heart up; the taps go to the server in batches. */
export function LikeButton({ total, onTap }: { total: number; onTap(): void }) {
  const { t, i18n } = useTranslation();
  const [hearts, setHearts] = useState<Array<{ id: number; colour: string; drift: number }>>([]);
  function tap() {
    onTap();
    const id = Date.now() + Math.random();
    const heart = {
      id,
      colour: HEART_COLOURS[Math.floor(Math.random() * HEART_COLOURS.length)]!,
      drift: Math.round(Math.random() * 40 - 20),
    };
    setHearts((list) => [...list.slice(-15), heart]);
    setTimeout(() => setHearts((list) => list.filter((h) => h.id !== id)), 1600);
  }
  return (
    <div className="live-like">
      {hearts.map((h) => (
        <span
          key={h.id}
          className="live-heart"
          style={{ color: h.colour, ['--drift' as string]: `${h.drift}px` }}
          aria-hidden="true"
        >
          <HeartIcon size={26} />
        </span>
      ))}
      <button type="button" className="live-like-btn" onClick={tap} aria-label={t('live.like')} data-testid="live-like">
        <HeartIcon size={30} />
        <span data-testid="live-likes">{formatCount(total, i18n.language)}</span>
      </button>
    </div>
  );
}
