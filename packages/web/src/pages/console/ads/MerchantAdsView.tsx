import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, Card, InputNumber, Popconfirm, Table, Toast, Typography } from '@douyinfe/semi-ui-19';
import { formatFen } from '../../../lib/money';
import { EmptyState, errorText, LoadView, useLoad } from '../shell/common';
import { adsApiFor, type AdAccount, type AdScope, type Campaign } from './ads-api';
import { CampaignForm } from './CampaignForm';
import { CampaignStatusTag } from './CampaignStatusTag';
import { CampaignReportView } from './CampaignReportView';

/** 商家后台 · 推广: the shop's pages. */
export function MerchantAdsView({ shopId }: { shopId: string }) {
  return <AdsView scope={{ kind: 'shop', shopId }} />;
}

/** 达人中心 · 推广: the same pages for the signed-in creator's own account and campaigns. */
export function CreatorAdsView() {
  return <AdsView scope={{ kind: 'creator' }} />;
}

/** An advertiser's 推广 pages: the ad account (balance, top-up through the cashier, withdrawal), the campaigns (create, pause, resume) and each campaign's report. */
export function AdsView({ scope }: { scope: AdScope }) {
  const { t } = useTranslation();
  const key = scope.kind === 'shop' ? scope.shopId : 'creator';
  const account = useLoad(() => adsApiFor(scope).account(), [key]);
  const campaigns = useLoad(() => adsApiFor(scope).campaigns(), [key]);
  const [creating, setCreating] = useState(false);
  const [reportOf, setReportOf] = useState<string | null>(null);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('ads.title')}
      </Typography.Title>
      <Typography.Paragraph type="tertiary">
        {t(scope.kind === 'creator' ? 'ads.creator.intro' : 'ads.intro')}
      </Typography.Paragraph>
      <LoadView state={account}>{(a) => <AccountCard scope={scope} account={a} onChanged={account.reload} />}</LoadView>
      <Card
        title={t('ads.campaigns')}
        style={{ marginTop: 16 }}
        headerExtraContent={
          <Button theme="solid" onClick={() => setCreating(true)} data-testid="ads-new-campaign">
            {t('ads.newCampaign')}
          </Button>
        }
      >
        <LoadView state={campaigns}>
          {({ items }) =>
            items.length === 0 ? (
              <EmptyState title={t('ads.noCampaigns')} />
            ) : (
              <CampaignTable scope={scope} items={items} onChanged={campaigns.reload} onReport={setReportOf} />
            )
          }
        </LoadView>
      </Card>
      {creating && (
        <CampaignForm
          scope={scope}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            campaigns.reload();
          }}
        />
      )}
      {reportOf && <CampaignReportView scope={scope} campaignId={reportOf} onClose={() => setReportOf(null)} />}
    </>
  );
}

function AccountCard({ scope, account, onChanged }: { scope: AdScope; account: AdAccount; onChanged: () => void }) {
  const { t } = useTranslation();
  const [yuan, setYuan] = useState<number>(500);
  const [busy, setBusy] = useState(false);
  const creator = scope.kind === 'creator';
  const topup = async () => {
    setBusy(true);
    try {
      const { cashierUrl } = await adsApiFor(scope).topup(Math.round(yuan * 100));
      window.location.assign(cashierUrl);
    } catch (e) {
      Toast.error(errorText(e, t));
      setBusy(false);
    }
  };
  const withdraw = async () => {
    try {
      await adsApiFor(scope).withdraw(account.balanceFen);
      Toast.success(t(creator ? 'ads.creator.withdrawn' : 'ads.withdrawn'));
      onChanged();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  };
  const pending = account.topups.some((x) => x.status === 'pending');
  // Back from the cashier: ask again every second until the provider's notification has arrived.
  const [polls, setPolls] = useState(0);
  const fromCashier = typeof window !== 'undefined' && window.location.search.includes('from=cashier');
  useEffect(() => {
    if (!pending || !fromCashier || polls >= 30) return;
    const timer = setTimeout(() => {
      setPolls((n) => n + 1);
      onChanged();
    }, 1000);
    return () => clearTimeout(timer);
  }, [pending, fromCashier, polls, onChanged]);
  return (
    <Card title={t('ads.account')} data-testid="ads-account">
      <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <div>
          <Typography.Text type="tertiary">{t('ads.balance')}</Typography.Text>
          <Typography.Title heading={2} style={{ margin: 0 }} data-testid="ads-balance">
            {formatFen(account.balanceFen)}
          </Typography.Title>
        </div>
        <div>
          <Typography.Text type="tertiary">{t('ads.spent')}</Typography.Text>
          <Typography.Title heading={4} style={{ margin: 0 }}>
            {formatFen(account.spentFen)}
          </Typography.Title>
        </div>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <InputNumber
            aria-label={t('ads.topupAmount')}
            prefix="¥"
            min={1}
            max={1_000_000}
            precision={2}
            value={yuan}
            onChange={(v) => setYuan(Number(v) || 0)}
            style={{ width: 160 }}
            data-testid="ads-topup-amount"
          />
          <Button theme="solid" loading={busy} onClick={topup} data-testid="ads-topup">
            {t('ads.topup')}
          </Button>
          <Popconfirm
            title={t(creator ? 'ads.creator.withdrawConfirm' : 'ads.withdrawConfirm', {
              amount: formatFen(account.balanceFen),
            })}
            onConfirm={withdraw}
            disabled={account.balanceFen <= 0}
          >
            <Button disabled={account.balanceFen <= 0}>{t('ads.withdraw')}</Button>
          </Popconfirm>
        </div>
      </div>
      {pending && <Banner type="info" fullMode={false} style={{ marginTop: 12 }} description={t('ads.pendingTopup')} />}
      {account.balanceFen <= 0 && (
        <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>
          {t('ads.noBalance')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function CampaignTable({
  scope,
  items,
  onChanged,
  onReport,
}: {
  scope: AdScope;
  items: Campaign[];
  onChanged: () => void;
  onReport: (id: string) => void;
}) {
  const { t } = useTranslation();
  const toggle = async (c: Campaign) => {
    try {
      await adsApiFor(scope).setStatus(c.id, c.status === 'active' ? 'paused' : 'active');
      onChanged();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  };
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={{ pageSize: 20 }}
      scroll={{ x: 1300 }}
      data-testid="ads-campaigns"
      dataSource={items}
      columns={[
        {
          title: t('ads.cols.name'),
          dataIndex: 'name',
          width: 220,
          render: (n: string, c: Campaign) => (
            <>
              <div>{n}</div>
              <Typography.Text type="tertiary" size="small">
                {c.promote === 'live_room' ? `${t('ads.form.promoteLive')} · ` : ''}
                {c.creativeTitle ?? '—'}
              </Typography.Text>
              {c.targetLookalike && (
                <div>
                  <Typography.Text type="tertiary" size="small" data-testid="ads-audience">
                    {t('ads.audience', { n: c.audienceSize })}
                  </Typography.Text>
                </div>
              )}
            </>
          ),
        },
        { title: t('ads.cols.goal'), dataIndex: 'goal', width: 110, render: (g: string) => t(`ads.goal.${g}`) },
        {
          title: t('ads.cols.bid'),
          dataIndex: 'bidKind',
          width: 140,
          render: (_: string, c: Campaign) =>
            c.bidKind === 'cost_cap'
              ? t('ads.costCapShort', { amount: formatFen(c.costCapFen ?? 0) })
              : t('ads.roiShort', { roi: c.roiTarget }),
        },
        {
          title: t('ads.cols.budget'),
          dataIndex: 'dailyBudgetFen',
          width: 120,
          render: (f: number, c: Campaign) => (
            <>
              <div>{formatFen(f)}</div>
              <Typography.Text type="tertiary" size="small">
                {t(`ads.pacing.${c.pacing}`)}
              </Typography.Text>
            </>
          ),
        },
        {
          title: t('ads.cols.status'),
          dataIndex: 'status',
          width: 90,
          render: (s: Campaign['status'], c: Campaign) => (
            <CampaignStatusTag status={s} reason={c.review?.reason ?? null} />
          ),
        },
        { title: t('ads.cols.spend'), dataIndex: 'spentFen', width: 100, render: (f: number) => formatFen(f) },
        { title: t('ads.cols.impressions'), dataIndex: 'impressions', width: 90 },
        { title: t('ads.cols.conversions'), dataIndex: 'conversions', width: 90 },
        { title: t('ads.cols.gmv'), dataIndex: 'gmvFen', width: 110, render: (f: number) => formatFen(f) },
        {
          title: t('ads.cols.actions'),
          dataIndex: 'id',
          width: 170,
          render: (_: string, c: Campaign) => (
            <>
              <Button size="small" theme="borderless" onClick={() => onReport(c.id)} data-testid="ads-report">
                {t('ads.report')}
              </Button>
              {c.status !== 'rejected' && (
                <Button size="small" theme="borderless" onClick={() => toggle(c)}>
                  {c.status === 'active' ? t('ads.pause') : t('ads.resume')}
                </Button>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
