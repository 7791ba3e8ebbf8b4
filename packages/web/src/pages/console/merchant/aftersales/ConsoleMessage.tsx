import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Space, TextArea, Toast } from '@douyinfe/semi-ui-19';
import { IconImage } from '@douyinfe/semi-icons';
import { postCaseMessage, uploadEvidence, type CaseView, type Evidence } from '../../../../api/aftersales';
import { caseErrorText } from './case-error';

/** A message to the other side of the case, with up to three photos. */
export function ConsoleMessage({ caseId, onSent }: { caseId: string; onSent(view: CaseView): void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<Evidence[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function pick(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setUploading(true);
    try {
      const ev = await uploadEvidence(file, file.name);
      setPhotos((p) => [...p, ev]);
    } catch (e) {
      Toast.error(caseErrorText(e, t, i18n));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  }

  async function send() {
    setBusy(true);
    try {
      const view = await postCaseMessage(
        caseId,
        text.trim(),
        photos.map((p) => p.id),
      );
      setText('');
      setPhotos([]);
      onSent(view);
    } catch (e) {
      Toast.error(caseErrorText(e, t, i18n));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="cs-section-gap" data-testid="message-box">
      <TextArea
        value={text}
        onChange={setText}
        maxCount={500}
        maxLength={500}
        autosize={{ minRows: 2, maxRows: 6 }}
        placeholder={t('aftersales.case.messagePlaceholder')}
        aria-label={t('aftersales.case.messagePlaceholder')}
      />
      {photos.length > 0 && (
        <div className="cs-images">
          {photos.map((p) => (
            <img key={p.id} src={p.url} alt={t('aftersales.form.photoAlt')} />
          ))}
        </div>
      )}
      <Space>
        <Button
          icon={<IconImage />}
          loading={uploading}
          disabled={photos.length >= 3}
          onClick={() => input.current?.click()}
        >
          {t('aftersales.case.addPhotos')}
        </Button>
        <Button
          theme="solid"
          disabled={busy || uploading || !text.trim() || text.length > 500}
          loading={busy}
          onClick={() => void send()}
          data-testid="message-send"
        >
          {t('aftersales.case.send')}
        </Button>
      </Space>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        hidden
        onChange={(e) => void pick(e.target.files)}
      />
    </div>
  );
}
