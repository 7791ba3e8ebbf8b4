import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal, Select, Space, Toast } from '@douyinfe/semi-ui-19';
import { anchorProduct, type ShowcaseItem } from '../../../../api/affiliate';
import { consoleApi } from '../../api';
import { useLoad } from '../../shell/common';
import { affiliateErrorText } from '../../affiliate/affiliate-errors';

/** 挂车: puts a showcase product on one of my videos (at most 3 per video); shoppers buy from the video's product card. */
export function AnchorModal({ item, onClose }: { item: ShowcaseItem; onClose: () => void }) {
  const { t } = useTranslation();
  const videos = useLoad(() => consoleApi.myVideos(null), []);
  const [videoId, setVideoId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usable = (videos.data?.items ?? []).filter((v) => v.status !== 'removed');
  async function submit() {
    if (!videoId) return;
    setBusy(true);
    try {
      const res = await anchorProduct(videoId, item.product.id);
      Toast.success(t('affiliate.showcase.anchored', { count: res.productIds.length }));
      onClose();
    } catch (e) {
      Toast.error(affiliateErrorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal visible closeOnEsc title={t('affiliate.showcase.anchorTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('affiliate.showcase.anchor')} cancelText={t('consoleUi.cancel')}
      okButtonProps={{ disabled: !videoId, loading: busy, ...({ 'data-testid': 'anchor-ok' } as object) }}>
      <Space vertical align="start" style={{ width: '100%' }}>
        <span>{item.product.title}</span>
        <label className="cs-muted">{t('affiliate.showcase.pickVideo')}</label>
        <Select style={{ width: '100%' }} loading={videos.loading} value={videoId ?? undefined} onChange={(v) => setVideoId(String(v))} placeholder={t('affiliate.showcase.pickVideo')}
          emptyContent={t('affiliate.showcase.noVideos')} optionList={usable.map((v) => ({ value: v.id, label: v.title }))} data-testid="anchor-video" />
      </Space>
    </Modal>
  );
}
