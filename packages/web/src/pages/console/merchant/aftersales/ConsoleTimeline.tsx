import { useTranslation } from 'react-i18next';
import { Image, ImagePreview, Tag, Timeline } from '@douyinfe/semi-ui-19';
import type { CaseView } from '../../../../api/aftersales';
import { formatDateTime } from '../../../../lib/format';
import { formatFen } from '../../../../lib/money';

const ACTOR_COLOR = { buyer: 'orange', merchant: 'blue', admin: 'violet', system: 'grey' } as const;
const KIND_TYPE: Record<string, 'default' | 'ongoing' | 'success' | 'warning' | 'error'> = {
  refunded: 'success',
  insurance_paid: 'success',
  counter_accepted: 'success',
  approved: 'success',
  auto_approved: 'success',
  return_confirmed: 'success',
  reshipped: 'success',
  rejected: 'error',
  return_rejected: 'error',
  closed: 'warning',
  escalated: 'warning',
  countered: 'ongoing',
  arbitrated: 'ongoing',
};

/** Both sides' history of a case, oldest first: who, what, amount, text and evidence photos (click to enlarge). */
export function ConsoleTimeline({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const entries = [...view.timeline].sort((a, b) => a.at - b.at);
  return (
    <Timeline data-testid="case-timeline">
      {entries.map((e) => (
        <Timeline.Item key={e.id} time={formatDateTime(e.at, i18n.language)} type={KIND_TYPE[e.kind] ?? 'default'}>
          <div data-testid="timeline-entry" data-kind={e.kind}>
            <Tag color={ACTOR_COLOR[e.actor] ?? 'grey'} size="small">
              {t(`aftersales.actor.${e.actor}`)}
            </Tag>{' '}
            <strong>{t(`aftersales.event.${e.kind}`, { defaultValue: e.kind })}</strong>
            {e.amountFen != null && <span className="cs-amount"> {formatFen(e.amountFen)}</span>}
            {e.text && <p className="cs-muted as-console-text">{e.text}</p>}
            {e.evidence.length > 0 && (
              <ImagePreview>
                <div className="cs-images">
                  {e.evidence.map((ev) => (
                    <Image
                      key={ev.id}
                      src={ev.url}
                      width={72}
                      height={72}
                      alt={t('aftersales.form.photoAlt')}
                      data-testid="timeline-photo"
                    />
                  ))}
                </div>
              </ImagePreview>
            )}
          </div>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
