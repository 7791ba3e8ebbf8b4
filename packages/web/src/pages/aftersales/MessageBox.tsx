import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postCaseMessage, type CaseView } from '../../api/aftersales';
import { CaseErrorNote } from './CaseErrorNote';
import { EvidencePicker, type EvidenceState } from './EvidencePicker';

/** A message to the other side (1–500 characters), with optional photos. */
export function MessageBox({ caseId, onSent }: { caseId: string; onSent(view: CaseView): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<EvidenceState>({ ids: [], uploading: false });
  const [withPhotos, setWithPhotos] = useState(false);
  const [reset, setReset] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ok = text.trim().length > 0 && text.length <= 500 && !photos.uploading;

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const view = await postCaseMessage(caseId, text.trim(), photos.ids);
      setText('');
      setReset((n) => n + 1);
      setWithPhotos(false);
      onSent(view);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="as-message"
      data-testid="message-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) void send();
      }}
    >
      <textarea
        name="message"
        rows={2}
        maxLength={500}
        value={text}
        placeholder={t('aftersales.case.messagePlaceholder')}
        aria-label={t('aftersales.case.messagePlaceholder')}
        onChange={(e) => setText(e.target.value)}
      />
      {withPhotos && <EvidencePicker max={3} resetKey={reset} onChange={setPhotos} />}
      <div className="as-message-bar">
        {!withPhotos && (
          <button type="button" className="link-btn" onClick={() => setWithPhotos(true)}>
            {t('aftersales.case.addPhotos')}
          </button>
        )}
        <span className="muted small">{text.length}/500</span>
        <button type="submit" className="btn btn-small btn-primary" disabled={busy || !ok} data-testid="message-send">
          {t('aftersales.case.send')}
        </button>
      </div>
      {error != null && <CaseErrorNote error={error} />}
    </form>
  );
}
