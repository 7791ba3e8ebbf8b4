import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moderationApi, REPORT_REASONS, type ReportReason, type SubjectKind } from '../api/moderation';
import { ErrorNote } from './ErrorNote';
import { Sheet } from './Sheet';

/** 举报: a reason from the fixed list and an optional note, for a video, comment, product or live room. */
export function ReportSheet({
  kind,
  subjectId,
  onDone,
  onClose,
}: {
  kind: SubjectKind;
  subjectId: string;
  onDone(message: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function send() {
    if (!reason) return;
    setSending(true);
    setError(null);
    try {
      await moderationApi.report({
        subjectKind: kind,
        subjectId,
        reason,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDone(t('moderation.reportSent'));
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  }

  return (
    <Sheet
      title={t('moderation.reportTitle', { kind: t(`moderation.kinds.${kind}`) })}
      onClose={onClose}
      testId="report-sheet"
    >
      <div className="report-form">
        <p className="muted">{t('moderation.reportPickReason')}</p>
        <div className="report-reasons" role="radiogroup" aria-label={t('moderation.reportPickReason')}>
          {REPORT_REASONS.map((r) => (
            <button
              key={r}
              type="button"
              role="radio"
              aria-checked={reason === r}
              className={`report-reason${reason === r ? ' report-reason-on' : ''}`}
              data-reason={r}
              onClick={() => setReason(r)}
            >
              {t(`moderation.reasons.${r}`)}
            </button>
          ))}
        </div>
        <textarea
          className="report-note"
          value={note}
          maxLength={500}
          rows={3}
          placeholder={t('moderation.reportNote')}
          aria-label={t('moderation.reportNote')}
          onChange={(e) => setNote(e.target.value)}
        />
        {error != null && <ErrorNote error={error} />}
        <button
          type="button"
          className="btn btn-primary"
          data-testid="report-send"
          disabled={!reason || sending}
          onClick={() => void send()}
        >
          {t('moderation.reportSend')}
        </button>
      </div>
    </Sheet>
  );
}
