import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Progress, Toast } from '@douyinfe/semi-ui-19';
import { IconUpload } from '@douyinfe/semi-icons';
import { supplyPhotoPath, type SupplyPhoto } from '../../../../api/supply';
import { sendWithProgress } from '../../api';
import { errorText } from '../../shell/common';

/** Uploads photos of a base or check one by one (the server checks the type), shows them, lets one be removed before saving. */
export function PhotoPicker({
  shopId,
  photos,
  onChange,
  max,
  label,
}: {
  shopId: string;
  photos: SupplyPhoto[];
  onChange: (photos: SupplyPhoto[]) => void;
  max: number;
  label: string;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);

  async function upload(file: File) {
    setProgress(0);
    try {
      const form = new FormData();
      form.append('file', file);
      const photo = await sendWithProgress<SupplyPhoto>(supplyPhotoPath(shopId), form, setProgress);
      onChange([...photos, photo]);
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <div className="cs-section-gap" style={{ gap: 8 }}>
      <span className="cs-muted">{label}</span>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        {photos.map((p) => (
          <span key={p.id} style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'center', gap: 4 }}>
            <img src={p.url} alt="" style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 6 }} />
            <Button
              size="small"
              theme="borderless"
              type="danger"
              onClick={() => onChange(photos.filter((x) => x.id !== p.id))}
            >
              {t('supply.photos.remove')}
            </Button>
          </span>
        ))}
      </div>
      {photos.length < max && (
        <span>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            hidden
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void upload(f);
            }}
            aria-label={t('supply.photos.upload')}
            data-testid="supply-photo-input"
          />
          <Button icon={<IconUpload />} loading={progress !== null} onClick={() => input.current?.click()}>
            {t('supply.photos.upload')}
          </Button>
          <span className="cs-muted" style={{ marginLeft: 8, fontSize: 12 }}>
            {t('supply.photos.hint')}
          </span>
        </span>
      )}
      {progress !== null && (
        <Progress percent={progress} style={{ width: 200 }} aria-label={t('supply.photos.upload')} />
      )}
    </div>
  );
}
