import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RoomCard } from '../../api/live';
import { Sheet } from '../../components/Sheet';
import { formatCount } from '../../lib/format';
import './live.css';

/** The feed's top-left "直播中" entry: shown while rooms are on air, it opens the list of them. */
export function LiveEntry({ className, rooms }: { className: string; rooms: RoomCard[] }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);

  if (rooms.length === 0) return <span className={className} />;
  return (
    <span className={className}>
      <button type="button" className="live-entry" onClick={() => setOpen(true)} data-testid="live-entry">
        {t('live.onAir')}
      </button>
      {open && (
        <Sheet title={t('live.strip.title', { n: rooms.length })} onClose={() => setOpen(false)} testId="live-strip">
          <div className="live-sheet">
            <ul className="live-strip">
              {rooms.map((room) => (
                <li key={room.id}>
                  <Link
                    to={`/app/live/${encodeURIComponent(room.id)}`}
                    className="live-strip-card"
                    data-testid="live-strip-room"
                    data-room-id={room.id}
                  >
                    <span className="live-strip-avatar" aria-hidden="true">
                      {Array.from(room.host.name)[0] ?? '播'}
                    </span>
                    <span className="live-strip-text">
                      <strong>{room.title}</strong>
                      <small className="muted">
                        {room.host.name}
                        {room.online !== undefined &&
                          ` · ${t('live.online', { n: formatCount(room.online, i18n.language) })}`}
                      </small>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        </Sheet>
      )}
    </span>
  );
}
