import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadEvidence, type Evidence } from '../../api/aftersales';
import { useCaseErrorText } from './CaseErrorNote';

interface Item {
  key: string;
  preview: string;
  status: 'uploading' | 'done' | 'failed';
  id: string | null;
  error: string | null;
}

export interface EvidenceState {
  ids: string[];
  uploading: boolean;
}

let seq = 0;

/** Photo evidence: each picked image uploads at once and shows a preview; failed ones can be removed. */
export function EvidencePicker({
  max = 6,
  onChange,
  resetKey = 0,
  upload = uploadEvidence,
}: {
  max?: number;
  onChange(state: EvidenceState): void;
  resetKey?: number;
  upload?: (file: Blob, name: string) => Promise<Evidence>;
}) {
  const { t } = useTranslation();
  const errorText = useCaseErrorText();
  const [items, setItems] = useState<Item[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const urls = useRef<string[]>([]);

  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);
  useEffect(() => {
    if (resetKey > 0) setItems([]);
  }, [resetKey]);
  useEffect(() => {
    onChange({
      ids: items.flatMap((i) => (i.status === 'done' && i.id ? [i.id] : [])),
      uploading: items.some((i) => i.status === 'uploading'),
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items]);

  function pick(files: FileList | null) {
    const chosen = Array.from(files ?? []).slice(0, Math.max(0, max - items.length));
    for (const file of chosen) {
      const key = `ev-${++seq}`;
      const preview = URL.createObjectURL(file);
      urls.current.push(preview);
      setItems((list) => [...list, { key, preview, status: 'uploading', id: null, error: null }]);
      upload(file, file.name).then(
        (ev) => setItems((list) => list.map((i) => (i.key === key ? { ...i, status: 'done', id: ev.id } : i))),
        (e: unknown) =>
          setItems((list) => list.map((i) => (i.key === key ? { ...i, status: 'failed', error: errorText(e) } : i))),
      );
    }
    if (input.current) input.current.value = '';
  }

  return (
    <div className="as-photos" data-testid="evidence-picker">
      {items.map((i) => (
        <figure
          key={i.key}
          className={`as-photo as-photo-${i.status}`}
          data-testid="evidence-preview"
          data-status={i.status}
        >
          <img src={i.preview} alt={t('aftersales.form.photoAlt')} />
          {i.status === 'uploading' && <span className="as-photo-badge">{t('aftersales.form.uploading')}</span>}
          {i.status === 'failed' && (
            <span className="as-photo-badge as-photo-error" title={i.error ?? ''}>
              {t('aftersales.form.uploadFailed')}
            </span>
          )}
          <button
            type="button"
            className="as-photo-remove"
            aria-label={t('aftersales.form.removePhoto')}
            onClick={() => setItems((list) => list.filter((x) => x.key !== i.key))}
          >
            ×
          </button>
        </figure>
      ))}
      {items.length < max && (
        <label className="as-photo-add">
          <span aria-hidden="true">＋</span>
          <span className="small">{t('aftersales.form.addPhoto', { n: items.length, max })}</span>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            multiple
            hidden
            data-testid="evidence-input"
            onChange={(e) => pick(e.target.files)}
          />
        </label>
      )}
      {items
        .filter((i) => i.status === 'failed')
        .map((i) => (
          <p key={`${i.key}-err`} className="as-photo-msg error-note" role="alert">
            {i.error}
          </p>
        ))}
    </div>
  );
}
