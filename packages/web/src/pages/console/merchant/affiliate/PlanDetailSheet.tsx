import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, SideSheet, Space, Table, Toast, Typography } from '@douyinfe/semi-ui-19';
import { CreatorPicker } from '../../affiliate/CreatorPicker';
import { formatBp, nameCreators, planDetail, type PlanCreator, type RateChange } from '../../../../api/affiliate';
import { formatDateTime } from '../../../../lib/format';
import { EmptyState, LoadView, useLoad } from '../../shell/common';
import { PlanStateTag } from '../../affiliate/PlanStateTag';
import { affiliateErrorText } from '../../affiliate/affiliate-errors';

/** One plan: its creators (named or applied, with their status), its whole rate history; a targeted plan names more creators here. */
export function PlanDetailSheet({ planId, onClose }: { planId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const detail = useLoad(() => planDetail(planId), [planId]);
  const [more, setMore] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const when = (v: number | null) => (v === null ? '—' : formatDateTime(v, i18n.language));

  async function name() {
    setBusy(true);
    try {
      await nameCreators(planId, more);
      Toast.success(t('affiliate.detail.named'));
      setMore([]);
      detail.reload();
    } catch (e) {
      Toast.error(affiliateErrorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SideSheet
      visible
      onCancel={onClose}
      width={640}
      title={detail.data ? `${detail.data.productTitle} · ${detail.data.name}` : t('affiliate.detail.title')}
      data-testid="plan-detail"
    >
      <LoadView state={detail}>
        {(d) => (
          <Space vertical align="start" style={{ width: '100%' }}>
            <Typography.Title heading={6}>{t('affiliate.detail.creators')}</Typography.Title>
            {d.kind === 'targeted' && d.state === 'active' && (
              <Space style={{ width: '100%' }}>
                <div style={{ width: 420 }}>
                  <CreatorPicker multiple value={more} onChange={setMore} testId="plan-name-creators" />
                </div>
                <Button disabled={more.length === 0} loading={busy} onClick={() => void name()}>
                  {t('affiliate.detail.name')}
                </Button>
              </Space>
            )}
            <Table
              size="small"
              rowKey="creatorId"
              pagination={false}
              dataSource={
                d.kind === 'exclusive' && d.creatorId
                  ? [
                      {
                        creatorId: d.creatorId,
                        displayName: '',
                        status: 'approved',
                        source: 'named',
                        note: '',
                        createdAt: d.createdAt,
                        decidedAt: d.createdAt,
                      },
                      ...d.creators,
                    ]
                  : d.creators
              }
              empty={<EmptyState title={t('affiliate.detail.noCreators')} />}
              columns={[
                {
                  title: t('affiliate.applications.creator'),
                  dataIndex: 'displayName',
                  render: (n: string, c: PlanCreator) => (
                    <span>
                      {n}
                      <br />
                      <span className="cs-muted">{c.creatorId}</span>
                    </span>
                  ),
                },
                {
                  title: t('affiliate.applications.source'),
                  dataIndex: 'source',
                  render: (s: string) => t(`affiliate.applications.sources.${s}`, { defaultValue: s }),
                },
                {
                  title: t('affiliate.plans.state'),
                  dataIndex: 'status',
                  render: (s: string) => <PlanStateTag state={s} />,
                },
                { title: t('affiliate.applications.at'), dataIndex: 'createdAt', render: (v: number) => when(v) },
              ]}
            />
            <Typography.Title heading={6}>{t('affiliate.detail.history')}</Typography.Title>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={d.history}
              columns={[
                {
                  title: t('affiliate.detail.change'),
                  dataIndex: 'change',
                  render: (c: string) => t(`affiliate.detail.changes.${c}`),
                },
                {
                  title: t('affiliate.plans.rate'),
                  dataIndex: 'rateBp',
                  align: 'right',
                  render: (v: number | null) => formatBp(v),
                },
                { title: t('affiliate.detail.requestedAt'), dataIndex: 'requestedAt', render: (v: number) => when(v) },
                {
                  title: t('affiliate.detail.effectiveAt'),
                  dataIndex: 'effectiveAt',
                  render: (v: number, r: RateChange) =>
                    r.supersededAt !== null ? (
                      <span className="cs-muted">{t('affiliate.detail.superseded')}</span>
                    ) : (
                      when(v)
                    ),
                },
              ]}
            />
          </Space>
        )}
      </LoadView>
    </SideSheet>
  );
}
