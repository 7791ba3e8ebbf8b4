import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { Badge, Button, Table, TabPane, Tabs, Typography } from '@douyinfe/semi-ui-19';
import { listShopCases, type CaseSummary, type MerchantCasePage } from '../../../api/aftersales';
import { formatDateTime } from '../../../lib/format';
import { formatFen } from '../../../lib/money';
import { isOpen } from '../../aftersales/case-rules';
import { CursorPager, useCursorPages } from '../shell/CursorPager';
import { EmptyState, ErrorState } from '../shell/common';
import { CaseCountdown, CaseStatusTag } from './aftersales/case-bits';
import { CaseDrawer } from './aftersales/CaseDrawer';
import { MerchantActions } from './aftersales/MerchantActions';

/** Tabs of the merchant's after-sales list: the ones waiting for the shop first. */
export const MERCHANT_TABS = [
  '',
  'requested',
  'return_shipped',
  'countered',
  'awaiting_return',
  'escalated',
  'refunded',
  'rejected',
  'completed',
  'closed',
  'cancelled',
] as const;
const ACTIONABLE = new Set(['requested', 'return_shipped', 'awaiting_return']);

/** 售后: status tabs with counts, cases most urgent first with live countdowns, and the case drawer at /merchant/aftersales/:caseId. */
export function AftersalesView({ shopId }: { shopId: string }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const caseId = useParams()['*'] || null;
  const status = (MERCHANT_TABS as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') ?? '')
    : '';
  const [counts, setCounts] = useState<Partial<MerchantCasePage['counts']>>({});
  const pages = useCursorPages(
    (cursor) =>
      listShopCases(shopId, status || null, cursor).then((page) => {
        setCounts(page.counts);
        return page;
      }),
    [shopId, status],
  );
  const base = location.pathname.replace(/\/aftersales(\/.*)?$/, '/aftersales');
  const open = (id: string | null) =>
    navigate({ pathname: id ? `${base}/${encodeURIComponent(id)}` : base, search: location.search });
  const total = Object.values(counts).reduce<number>((n, c) => n + (c ?? 0), 0);

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.nav.aftersales')}
      </Typography.Title>
      <div className="cs-toolbar">
        <Tabs
          type="button"
          activeKey={status || 'all'}
          onChange={(k) => setParams(k === 'all' ? {} : { status: k })}
          data-testid="case-tabs"
        >
          {MERCHANT_TABS.map((s) => (
            <TabPane
              key={s || 'all'}
              itemKey={s || 'all'}
              tab={
                <span data-testid={`case-tab-${s || 'all'}`}>
                  {s ? t(`aftersales.status.${s}`) : t('consoleUi.all')}{' '}
                  {s ? (
                    counts[s] ? (
                      <Badge count={counts[s]} type={ACTIONABLE.has(s) ? 'danger' : 'tertiary'} />
                    ) : null
                  ) : total ? (
                    <span className="cs-muted">{total}</span>
                  ) : null}
                </span>
              }
            />
          ))}
        </Tabs>
      </div>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          data-testid="cases-table"
          scroll={{ x: 'max-content' }}
          empty={<EmptyState title={t('aftersales.console.empty')} />}
          onRow={(c?: CaseSummary) => ({ 'data-case-id': c?.id, 'data-status': c?.status }) as object}
          columns={[
            {
              title: t('aftersales.console.product'),
              dataIndex: 'title',
              render: (v: string, c: CaseSummary) => (
                <span className="cs-title-cell">
                  {c.imageUrl && <img className="cs-thumb" src={c.imageUrl} alt="" />}
                  <span>
                    {v}
                    <br />
                    <span className="cs-muted cs-mono">{c.id}</span>
                  </span>
                </span>
              ),
            },
            { title: t('aftersales.form.type'), dataIndex: 'type', render: (v: string) => t(`aftersales.type.${v}`) },
            {
              title: t('aftersales.form.reason'),
              dataIndex: 'reasonCode',
              render: (v: string) => t(`aftersales.reason.${v}`),
            },
            {
              title: t('aftersales.case.requested'),
              dataIndex: 'requestedFen',
              align: 'right',
              render: (v: number, c: CaseSummary) =>
                c.refundFen > 0 ? (
                  <>
                    {formatFen(v)}
                    <br />
                    <span className="cs-muted">
                      {t('aftersales.case.refunded')} {formatFen(c.refundFen)}
                    </span>
                  </>
                ) : (
                  formatFen(v)
                ),
            },
            {
              title: t('consoleUi.statusCol'),
              dataIndex: 'status',
              render: (v: string) => <CaseStatusTag status={v} />,
            },
            {
              title: t('aftersales.console.deadline'),
              dataIndex: 'deadline',
              render: (d: CaseSummary['deadline'], c: CaseSummary) =>
                d && isOpen(c.status) ? <CaseCountdown deadline={d} withParty /> : <span className="cs-muted">—</span>,
            },
            {
              title: t('aftersales.console.createdAt'),
              dataIndex: 'createdAt',
              render: (v: number) => formatDateTime(v, i18n.language),
            },
            {
              title: t('consoleUi.actions'),
              dataIndex: 'id',
              render: (id: string, c: CaseSummary) => (
                <Button
                  theme={ACTIONABLE.has(c.status) ? 'solid' : 'borderless'}
                  size="small"
                  onClick={() => open(id)}
                  data-testid="case-open"
                >
                  {ACTIONABLE.has(c.status) ? t('aftersales.console.handle') : t('aftersales.console.view')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
      {caseId && (
        <CaseDrawer
          caseId={caseId}
          onClose={() => open(null)}
          onChanged={pages.reload}
          actions={(v, update) => <MerchantActions view={v} onChanged={update} />}
        />
      )}
    </>
  );
}
