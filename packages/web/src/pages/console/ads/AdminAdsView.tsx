import { useTranslation } from 'react-i18next';
import { Card, Table, Tag, Typography } from '@douyinfe/semi-ui-19';
import { formatFen } from '../../../lib/money';
import { EmptyState, LoadView, useLoad } from '../shell/common';
import { adsApi, type AdOwner } from './ads-api';

/** 平台管理 · 广告: ad revenue (the ledger's ad revenue account), the ad load of the last day, the creatives running. */
export function AdminAdsView() {
  const { t } = useTranslation();
  const state = useLoad(() => adsApi.overview(), []);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('ads.admin.title')}
      </Typography.Title>
      <LoadView state={state}>
        {(o) => (
          <>
            <div style={{ display: 'flex', gap: 16, marginBottom: 16, flexWrap: 'wrap' }}>
              {[
                [t('ads.admin.revenue'), formatFen(o.adRevenueFen), 'ads-revenue'],
                [t('ads.admin.adLoad'), o.adLoad === null ? '—' : `${(o.adLoad * 100).toFixed(1)}%`, 'ads-load'],
                [t('ads.admin.impressions'), String(o.impressions), 'ads-impressions'],
                [t('ads.admin.invalid'), String(o.invalidImpressions), 'ads-invalid'],
                [t('ads.admin.active'), String(o.activeCampaigns), 'ads-active'],
              ].map(([label, value, id]) => (
                <Card key={id} style={{ flex: 1, minWidth: 180 }} bodyStyle={{ padding: 16 }}>
                  <Typography.Text type="tertiary">{label}</Typography.Text>
                  <Typography.Title heading={3} style={{ margin: 0 }} data-testid={id}>
                    {value}
                  </Typography.Title>
                </Card>
              ))}
            </div>
            <Typography.Paragraph type="tertiary">{t('ads.admin.loadNote')}</Typography.Paragraph>
            <Card title={t('ads.admin.creatives')}>
              {o.creatives.length === 0 ? (
                <EmptyState title={t('ads.noCampaigns')} />
              ) : (
                <Table
                  rowKey="campaignId"
                  size="small"
                  pagination={{ pageSize: 20 }}
                  dataSource={o.creatives}
                  columns={[
                    { title: t('ads.cols.name'), dataIndex: 'name' },
                    { title: t('ads.admin.creative'), dataIndex: 'title', render: (x: string | null) => x ?? '—' },
                    {
                      title: t('ads.admin.advertiser'),
                      dataIndex: 'owner',
                      render: (o: AdOwner) => `${t(`ads.ownerKind.${o.kind}`)} ${o.id}`,
                    },
                    {
                      title: t('ads.cols.status'),
                      dataIndex: 'status',
                      render: (s: string) => (
                        <Tag color={s === 'active' ? 'green' : 'grey'}>{t(`ads.status.${s}`)}</Tag>
                      ),
                    },
                    { title: t('ads.cols.spend'), dataIndex: 'spentFen', render: (f: number) => formatFen(f) },
                    { title: t('ads.cols.impressions'), dataIndex: 'impressions' },
                  ]}
                />
              )}
            </Card>
          </>
        )}
      </LoadView>
    </>
  );
}
