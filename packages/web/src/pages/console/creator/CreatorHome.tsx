import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, Typography } from '@douyinfe/semi-ui-19';
import { formatCount } from '../../../lib/format';
import { formatFen } from '../../../lib/money';
import { consoleApi, type CreatorVideo } from '../api';
import { EmptyState, LoadView, useLoad } from '../shell/common';

/** Totals over my videos (the first pages, up to 100 videos). */
async function loadAll(): Promise<CreatorVideo[]> {
  const all: CreatorVideo[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 5; i++) {
    const page = await consoleApi.myVideos(cursor);
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return all;
}

export function CreatorHome() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const state = useLoad(loadAll, []);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.creator.home')}
      </Typography.Title>
      <LoadView state={state}>
        {(videos) => {
          if (videos.length === 0) {
            return (
              <EmptyState title={t('consoleUi.creator.noVideos')}>
                <Button theme="solid" onClick={() => navigate('/creator/publish')}>
                  {t('consoleUi.nav.publish')}
                </Button>
              </EmptyState>
            );
          }
          const sum = (f: (v: CreatorVideo) => number) => videos.reduce((n, v) => n + f(v), 0);
          const stats: Array<[string, string, boolean]> = [
            [t('consoleUi.creator.videos'), String(videos.length), false],
            [t('consoleUi.creator.published'), String(videos.filter((v) => v.status === 'published').length), false],
            [
              t('consoleUi.creator.views'),
              formatCount(
                sum((v) => v.stats.views),
                i18n.language,
              ),
              false,
            ],
            [
              t('consoleUi.creator.likes'),
              formatCount(
                sum((v) => v.stats.likes),
                i18n.language,
              ),
              false,
            ],
            [t('consoleUi.creator.orders'), String(sum((v) => v.orders)), false],
            [t('consoleUi.creator.gmv'), formatFen(sum((v) => v.gmvFen)), true],
          ];
          return (
            <>
              <div className="cs-stats" data-testid="creator-stats">
                {stats.map(([label, value, red]) => (
                  <div className="cs-stat" key={label}>
                    <div className="cs-stat-label">{label}</div>
                    <div className={`cs-stat-value${red ? ' cs-red' : ''}`}>{value}</div>
                  </div>
                ))}
              </div>
              <p className="cs-muted" data-testid="creator-sales-scope">
                {t('consoleUi.creator.salesScope')}{' '}
                <Button theme="borderless" size="small" onClick={() => navigate('/creator/sales')}>
                  {t('affiliate.creator.nav.sales')}
                </Button>
              </p>
            </>
          );
        }}
      </LoadView>
    </>
  );
}
