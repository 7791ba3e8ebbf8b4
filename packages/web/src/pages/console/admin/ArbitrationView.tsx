import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, Table, TabPane, Tabs, Typography } from '@douyinfe/semi-ui-19';
import { listEscalatedCases, type CaseSummary } from '../../../api/aftersales';
import { formatDateTime } from '../../../lib/format';
import { formatFen } from '../../../lib/money';
import { CursorPager, useCursorPages } from '../shell/CursorPager';
import { EmptyState, ErrorState } from '../shell/common';
import { CaseStatusTag } from '../merchant/aftersales/case-bits';
import { CaseDrawer } from '../merchant/aftersales/CaseDrawer';
import { ArbitrationConversation } from './arbitration/ArbitrationConversation';
import { ArbitrationForm } from './arbitration/ArbitrationForm';

const TABS = ['escalated', 'refunded', 'closed'] as const;

/** 售后仲裁: escalated cases (and decided ones), both sides' timeline and evidence, the decision form at /admin/arbitration/:caseId. */
export function ArbitrationView() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const caseId = useParams()['*'] || null;
  const status = (TABS as readonly string[]).includes(params.get('status') ?? '') ? params.get('status')! : 'escalated';
  const pages = useCursorPages((cursor) => listEscalatedCases(status, cursor), [status]);
  const base = location.pathname.replace(/\/arbitration(\/.*)?$/, '/arbitration');
  const open = (id: string | null) =>
    navigate({ pathname: id ? `${base}/${encodeURIComponent(id)}` : base, search: location.search });

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.nav.arbitration')}
      </Typography.Title>
      <div className="cs-toolbar">
        <Tabs type="button" activeKey={status} onChange={(k) => setParams(k === 'escalated' ? {} : { status: k })}>
          {TABS.map((s) => (
            <TabPane key={s} itemKey={s} tab={t(`aftersales.arbitration.tab.${s}`)} />
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
          data-testid="arbitration-table"
          scroll={{ x: 'max-content' }}
          empty={<EmptyState title={t('aftersales.arbitration.empty')} />}
          onRow={(c?: CaseSummary) => ({ 'data-case-id': c?.id }) as object}
          columns={[
            {
              title: t('aftersales.console.product'),
              dataIndex: 'title',
              render: (v: string, c: CaseSummary) => (
                <span>
                  {v}
                  <br />
                  <span className="cs-muted cs-mono">{c.id}</span>
                </span>
              ),
            },
            { title: t('aftersales.arbitration.shop'), dataIndex: 'shopName' },
            { title: t('aftersales.form.type'), dataIndex: 'type', render: (v: string) => t(`aftersales.type.${v}`) },
            {
              title: t('aftersales.case.requested'),
              dataIndex: 'requestedFen',
              align: 'right',
              render: (v: number) => formatFen(v),
            },
            {
              title: t('consoleUi.statusCol'),
              dataIndex: 'status',
              render: (v: string) => <CaseStatusTag status={v} />,
            },
            {
              title: t('aftersales.arbitration.updatedAt'),
              dataIndex: 'updatedAt',
              render: (v: number) => formatDateTime(v, i18n.language),
            },
            {
              title: t('consoleUi.actions'),
              dataIndex: 'id',
              render: (id: string, c: CaseSummary) => (
                <Button
                  theme={c.status === 'escalated' ? 'solid' : 'borderless'}
                  size="small"
                  onClick={() => open(id)}
                  data-testid="case-open"
                >
                  {c.status === 'escalated' ? t('aftersales.arbitration.decide') : t('aftersales.console.view')}
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
          actions={(v, update) => (
            <>
              <ArbitrationForm view={v} onDecided={update} />
              <ArbitrationConversation caseId={v.id} />
            </>
          )}
        />
      )}
    </>
  );
}
