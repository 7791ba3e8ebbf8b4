import { useTranslation } from 'react-i18next';
import type { DemoLogin } from '../../api/types';
import { Skeleton } from '../../components/Skeleton';
import { DoorIcon } from './DoorIcon';
import type { Door } from './doors';

export type DemoState =
  | { kind: 'loading' }
  | { kind: 'ready'; logins: DemoLogin[] }
  | { kind: 'none' }
  | { kind: 'error'; message: string };

interface Props {
  door: Door;
  demo: DemoState;
  busy: boolean;
  onEnter(): void;
}

export function DoorCard({ door, demo, busy, onEnter }: Props) {
  const { t } = useTranslation();
  const login = demo.kind === 'ready' ? demo.logins.find((l) => l.role === door.role) : undefined;
  return (
    <li className="door" data-testid={`door-${door.role}`}>
      <button type="button" className="door-button" onClick={onEnter} disabled={busy}>
        <span className="door-icon" style={{ color: door.color, background: `${door.color}1a` }}>
          <DoorIcon role={door.role} />
        </span>
        <span className="door-text">
          <span className="door-title">{busy ? t('landing.loggingIn') : t(`landing.doors.${door.role}.title`)}</span>
          <span className="door-desc">{t(`landing.doors.${door.role}.desc`)}</span>
        </span>
        <span className="door-arrow" aria-hidden="true">
          →
        </span>
      </button>
      <div className="door-demo" data-testid={`door-demo-${door.role}`}>
        {demo.kind === 'loading' && <Skeleton width="70%" />}
        {login && (
          <>
            <span>{t('landing.demoAccount')}</span> <code>{login.login}</code>
            <span className="door-demo-sep">·</span>
            <span>{t('landing.demoPassword')}</span> <code>{login.password}</code>
          </>
        )}
        {(demo.kind === 'none' || demo.kind === 'error' || (demo.kind === 'ready' && !login)) && (
          <span className="muted">{t('landing.noDemo')}</span>
        )}
      </div>
    </li>
  );
}
