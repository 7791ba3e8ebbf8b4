import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format';
import { relativeTime } from './relative-time';

export function TimeAgo({ ms }: { ms: number }) {
  const { t, i18n } = useTranslation();
  const r = relativeTime(ms, Date.now());
  const text = r.key === 'date' ? formatDateTime(ms, i18n.language).slice(0, 10) : t(`time.${r.key}`, { n: r.n });
  return <time dateTime={new Date(ms).toISOString()}>{text}</time>;
}
