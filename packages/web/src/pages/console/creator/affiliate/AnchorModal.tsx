import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Modal, Select, Space, Toast } from '@douyinfe/semi-ui-19';
import { anchorProduct, type ShowcaseItem } from '../../../../api/affiliate';
import { consoleApi, type CreatorVideo } from '../../api';
import { errorText } from '../../shell/common';
import { affiliateErrorText } from '../../affiliate/affiliate-errors';

const PAGE = 50;

/**
 * Every video of the creator, a page at a time: the first page at once, the next when the list is
 * scrolled to its end or 加载更多 is pressed, until there are no more.
 */
function useAllMyVideos() {
  const [items, setItems] = useState<CreatorVideo[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const busy = useRef(false);
  const more = useCallback(async (from: string | null) => {
    if (busy.current) return;
    busy.current = true;
    setLoading(true);
    try {
      const page = await consoleApi.myVideos(from, PAGE);
      setItems((prev) => [...prev, ...page.items.filter((v) => !prev.some((p) => p.id === v.id))]);
      setCursor(page.nextCursor);
      setDone(page.nextCursor === null);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void more(null);
  }, [more]);
  return { items, loading, done, error, loadMore: () => (done ? undefined : void more(cursor)) };
}

/** 挂车: puts a showcase product on one of my videos (at most 3 per video); shoppers buy from the video's product card. */
export function AnchorModal({ item, onClose }: { item: ShowcaseItem; onClose: () => void }) {
  const { t } = useTranslation();
  const videos = useAllMyVideos();
  const [videoId, setVideoId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usable = videos.items.filter((v) => v.status !== 'removed');
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
    <Modal
      visible
      closeOnEsc
      title={t('affiliate.showcase.anchorTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('affiliate.showcase.anchor')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{ disabled: !videoId, loading: busy, ...({ 'data-testid': 'anchor-ok' } as object) }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <span>{item.product.title}</span>
        <label className="cs-muted">{t('affiliate.showcase.pickVideo')}</label>
        <Select
          style={{ width: '100%' }}
          filter
          loading={videos.loading && usable.length === 0}
          value={videoId ?? undefined}
          onChange={(v) => setVideoId(String(v))}
          placeholder={t('affiliate.showcase.pickVideo')}
          emptyContent={videos.done ? t('affiliate.showcase.noVideos') : t('common.loading')}
          optionList={usable.map((v) => ({ value: v.id, label: v.title }))}
          onListScroll={(e: React.UIEvent<HTMLDivElement>) => {
            const el = e.currentTarget;
            if (el.scrollTop + el.clientHeight >= el.scrollHeight - 40) videos.loadMore();
          }}
          outerBottomSlot={
            <div
              style={{ padding: '6px 12px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}
              data-testid="anchor-video-footer"
            >
              <span className="cs-muted">{t('affiliate.showcase.videosShown', { n: usable.length })}</span>
              {videos.error != null ? (
                <span className="cs-muted">{errorText(videos.error, t)}</span>
              ) : videos.done ? (
                <span className="cs-muted">{t('affiliate.showcase.allVideos')}</span>
              ) : (
                <Button
                  size="small"
                  theme="borderless"
                  loading={videos.loading}
                  onClick={() => videos.loadMore()}
                  data-testid="anchor-video-more"
                >
                  {t('affiliate.showcase.moreVideos')}
                </Button>
              )}
            </div>
          }
          data-testid="anchor-video"
        />
      </Space>
    </Modal>
  );
}
