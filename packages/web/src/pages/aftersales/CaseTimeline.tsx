import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView, Evidence } from '../../api/aftersales';
import { formatDateTime } from '../../lib/format';
import { formatFen } from '../../lib/money';

/** Who did it, from the viewer's side: 我 / 商家 / 平台 / 系统. */
export function actorLabel(actor: string, viewer: CaseView['viewerRole'], t: (k: string) => string): string {
  if (actor === viewer) return t('aftersales.actor.me');
  return t(`aftersales.actor.${actor}`);
}

/** The case history, newest first: who did what, when, with amounts, texts and evidence photos. */
export function CaseTimeline({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  const [zoom, setZoom] = useState<Evidence | null>(null);
  const entries = [...view.timeline].sort((a, b) => b.at - a.at);
  return (
    <>
      <ol className="timeline as-timeline" data-testid="case-timeline">
        {entries.map((e, i) => (
          <li
            key={e.id}
            className={`${i === 0 ? 'timeline-now' : ''} as-entry-${e.actor}`}
            data-testid="timeline-entry"
            data-kind={e.kind}
          >
            <div className="as-entry-head">
              <strong>{actorLabel(e.actor, view.viewerRole, t)}</strong>
              <span>{t(`aftersales.event.${e.kind}`, { defaultValue: e.kind })}</span>
              {e.amountFen != null && <span className="as-amount">{formatFen(e.amountFen)}</span>}
            </div>
            {e.text && <p className="as-entry-text">{e.text}</p>}
            {e.evidence.length > 0 && (
              <div className="as-thumbs">
                {e.evidence.map((ev) => (
                  <button
                    key={ev.id}
                    type="button"
                    className="as-thumb"
                    onClick={() => setZoom(ev)}
                    aria-label={t('aftersales.case.openPhoto')}
                  >
                    <img src={ev.url} alt={t('aftersales.form.photoAlt')} data-testid="timeline-photo" />
                  </button>
                ))}
              </div>
            )}
            <span className="muted small">{formatDateTime(e.at, i18n.language)}</span>
          </li>
        ))}
      </ol>
      {zoom && (
        <div
          className="dialog-backdrop"
          onClick={() => setZoom(null)}
          role="dialog"
          aria-modal="true"
          aria-label={t('aftersales.case.openPhoto')}
        >
          <img className="as-zoom" src={zoom.url} alt={t('aftersales.form.photoAlt')} />
        </div>
      )}
    </>
  );
}
