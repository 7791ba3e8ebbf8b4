import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Input, Toast, Typography } from '@douyinfe/semi-ui-19';
import { liveApi } from '../../../../api/live';
import { errorText } from '../../shell/common';

/** 推流: a fresh stream key on request, the ingest URL, and how to point OBS (or any RTMP encoder) at it. */
export function StreamKeyCard({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const [key, setKey] = useState<{ streamKey: string; ingestUrl: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function issue() {
    setBusy(true);
    try {
      setKey(await liveApi.streamKey(roomId));
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card className="lc-card" title={t('liveConsole.stream.title')} data-testid="live-stream-card">
      {key ? (
        <div className="lc-form lc-form-wide">
          <label>
            <span>{t('liveConsole.stream.server')}</span>
            <Input readOnly value={key.ingestUrl} data-testid="live-ingest-url" />
          </label>
          <label>
            <span>{t('liveConsole.stream.key')}</span>
            <Input readOnly mode="password" value={key.streamKey} data-testid="live-stream-key" />
          </label>
          <Button
            onClick={() =>
              void navigator.clipboard?.writeText(key.streamKey).then(
                () => Toast.success(t('liveConsole.stream.copied')),
                () => {},
              )
            }
          >
            {t('liveConsole.stream.copy')}
          </Button>
        </div>
      ) : (
        <Button loading={busy} onClick={() => void issue()} data-testid="live-stream-issue">
          {t('liveConsole.stream.issue')}
        </Button>
      )}
      <Typography.Paragraph type="tertiary" size="small" className="lc-help">
        {t('liveConsole.stream.help')}
      </Typography.Paragraph>
      {key && (
        <Button size="small" theme="borderless" loading={busy} onClick={() => void issue()}>
          {t('liveConsole.stream.reissue')}
        </Button>
      )}
    </Card>
  );
}
