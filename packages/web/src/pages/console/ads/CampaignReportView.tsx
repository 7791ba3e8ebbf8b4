import { useTranslation } from 'react-i18next';
import { Descriptions, SideSheet, Table, Typography } from '@douyinfe/semi-ui-19';
import { formatFen } from '../../../lib/money';
import { LoadView, useLoad } from '../shell/common';
import { useWhen } from '../violations/parts';
import { adsApiFor, formatSpend, type AdScope, type ReportRow } from './ads-api';

const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;

/** A campaign's report over the last 24 hours, in total and by hour, with the invalid traffic filtered before billing. */
export function CampaignReportView({
  scope,
  campaignId,
  onClose,
}: {
  scope: AdScope;
  campaignId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const when = useWhen();
  const state = useLoad(() => adsApiFor(scope).report(campaignId), [campaignId]);
  return (
    <SideSheet visible title={t('ads.reportTitle')} onCancel={onClose} width={900}>
      <LoadView state={state}>
        {(r) => (
          <>
            <Typography.Title heading={5}>{r.campaign.name}</Typography.Title>
            <Descriptions
              row
              data-testid="ads-report-total"
              data={[
                {
                  key: t('ads.cols.spend'),
                  value: <span data-testid="ads-report-spend">{formatSpend(r.total.spendMfen)}</span>,
                },
                { key: t('ads.cols.impressions'), value: r.total.impressions },
                { key: t('ads.cols.clicks'), value: r.total.clicks },
                { key: 'CTR', value: pct(r.total.ctr) },
                { key: 'CPM', value: formatFen(r.total.cpmFen) },
                {
                  key: t('ads.cols.conversions'),
                  value: <span data-testid="ads-report-conversions">{r.total.conversions}</span>,
                },
                {
                  key: t('ads.cols.cpa'),
                  value: r.total.costPerConversionFen === null ? '—' : formatFen(r.total.costPerConversionFen),
                },
                {
                  key: t('ads.cols.gmv'),
                  value: <span data-testid="ads-report-gmv">{formatFen(r.total.gmvFen)}</span>,
                },
                { key: 'ROI', value: r.total.roi ?? '—' },
              ]}
            />
            <Typography.Paragraph type="tertiary" style={{ marginTop: 8 }}>
              {t('ads.invalidNote', { impressions: r.total.invalidImpressions, clicks: r.total.invalidClicks })}
              {Object.entries(r.invalidByReason)
                .map(([k, n]) => ` · ${t(`ads.invalid.${k}`)} ${n}`)
                .join('')}
            </Typography.Paragraph>
            <Table
              rowKey="hour"
              size="small"
              pagination={false}
              dataSource={r.hours}
              columns={[
                { title: t('ads.cols.hour'), dataIndex: 'hour', render: (h: number) => when(h).slice(5, 16) },
                { title: t('ads.cols.spend'), dataIndex: 'spendMfen', render: (m: number) => formatSpend(m) },
                { title: t('ads.cols.impressions'), dataIndex: 'impressions' },
                { title: t('ads.cols.clicks'), dataIndex: 'clicks' },
                { title: 'CTR', dataIndex: 'ctr', render: (v: number) => pct(v) },
                { title: 'CPM', dataIndex: 'cpmFen', render: (f: number) => formatFen(f) },
                { title: t('ads.cols.conversions'), dataIndex: 'conversions' },
                {
                  title: t('ads.cols.cpa'),
                  dataIndex: 'costPerConversionFen',
                  render: (f: number | null) => (f === null ? '—' : formatFen(f)),
                },
                { title: t('ads.cols.gmv'), dataIndex: 'gmvFen', render: (f: number) => formatFen(f) },
                { title: 'ROI', dataIndex: 'roi', render: (v: number | null) => v ?? '—' },
                {
                  title: t('ads.cols.invalid'),
                  dataIndex: 'invalidImpressions',
                  render: (_: number, row: ReportRow) => row.invalidImpressions + row.invalidClicks,
                },
              ]}
            />
          </>
        )}
      </LoadView>
    </SideSheet>
  );
}
