import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Modal, Table, TextArea, Toast, Typography } from '@douyinfe/semi-ui-19';
import { formatFen } from '../../../lib/money';
import { EmptyState, errorText, LoadView, useLoad } from '../shell/common';
import { adsApi, type AdOwner, type AdsOverview } from './ads-api';
import { CampaignStatusTag } from './CampaignStatusTag';

type Creative = AdsOverview['creatives'][number];

/** 平台管理 · 广告: ad revenue (the ledger's ad revenue account), the ad load of the last day, the creatives running and their review (take down, restore). */
export function AdminAdsView() {
  const { t } = useTranslation();
  const state = useLoad(() => adsApi.overview(), []);
  const [takingDown, setTakingDown] = useState<Creative | null>(null);
  const restore = async (c: Creative) => {
    try {
      await adsApi.review(c.campaignId, 'restore');
      Toast.success(t('ads.admin.restored'));
      state.reload();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  };
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
                      render: (s: Creative['status'], c: Creative) => (
                        <CampaignStatusTag status={s} reason={c.reviewReason} />
                      ),
                    },
                    { title: t('ads.cols.spend'), dataIndex: 'spentFen', render: (f: number) => formatFen(f) },
                    { title: t('ads.cols.impressions'), dataIndex: 'impressions' },
                    {
                      title: t('ads.cols.actions'),
                      dataIndex: 'campaignId',
                      render: (_: string, c: Creative) =>
                        c.status === 'rejected' ? (
                          <Button
                            size="small"
                            theme="borderless"
                            onClick={() => void restore(c)}
                            data-testid="ads-restore"
                          >
                            {t('ads.admin.restore')}
                          </Button>
                        ) : (
                          <Button
                            size="small"
                            theme="borderless"
                            type="danger"
                            onClick={() => setTakingDown(c)}
                            data-testid="ads-take-down"
                          >
                            {t('ads.admin.takeDown')}
                          </Button>
                        ),
                    },
                  ]}
                />
              )}
            </Card>
          </>
        )}
      </LoadView>
      {takingDown && (
        <TakeDownDialog
          creative={takingDown}
          onClose={() => setTakingDown(null)}
          onDone={() => {
            setTakingDown(null);
            state.reload();
          }}
        />
      )}
    </>
  );
}

/** The reason is required: the advertiser sees it beside the campaign. */
function TakeDownDialog({ creative, onClose, onDone }: { creative: Creative; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    try {
      await adsApi.review(creative.campaignId, 'reject', reason.trim());
      Toast.success(t('ads.admin.takenDown'));
      onDone();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      visible
      title={`${t('ads.admin.takeDown')} · ${creative.name}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('ads.admin.takeDown')}
      okButtonProps={
        { disabled: !reason.trim(), loading: busy, type: 'danger', 'data-testid': 'ads-take-down-confirm' } as object
      }
    >
      <label className="cs-muted" htmlFor="ads-review-reason">
        {t('ads.admin.reasonLabel')}
      </label>
      <TextArea
        id="ads-review-reason"
        value={reason}
        onChange={setReason}
        maxCount={200}
        rows={3}
        placeholder={t('ads.admin.reasonPlaceholder')}
        data-testid="ads-take-down-reason"
      />
    </Modal>
  );
}
