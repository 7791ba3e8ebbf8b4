import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Table, Tag, Toast, Typography } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../lib/format';
import { formatFen } from '../../../lib/money';
import { moneyApi, type Mismatch, type ReconciliationReport } from '../api';
import { EmptyState, errorText, LoadView, useLoad } from '../shell/common';
import { BalanceCards } from './BalanceCards';
import './money.css';

/** 结算与对账: the platform's own accounts and the reconciliation reports (run one now, see every mismatch). */
export function AdminMoney() {
  const { t } = useTranslation();
  const overview = useLoad(() => moneyApi.overview(), []);
  const reports = useLoad(() => moneyApi.reconciliations(), []);
  const [running, setRunning] = useState(false);

  async function runNow() {
    setRunning(true);
    try {
      const r = await moneyApi.runReconciliation();
      if (r.mismatchCount === 0) Toast.success(t('consoleUi.money.reconOk', { checked: r.checked }));
      else Toast.warning(t('consoleUi.money.reconBad', { count: r.mismatchCount }));
      reports.reload();
      overview.reload();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setRunning(false);
    }
  }

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.money.adminTitle')}
      </Typography.Title>
      <LoadView state={overview} rows={3}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('consoleUi.money.noPlatformAccounts')} />
          ) : (
            <BalanceCards items={items} testId="platform-balances" assets={['provider_cash']} />
          )
        }
      </LoadView>
      <Card
        title={t('consoleUi.money.reconciliations')}
        headerExtraContent={
          <Button theme="solid" loading={running} onClick={() => void runNow()} data-testid="recon-run">
            {t('consoleUi.money.reconRun')}
          </Button>
        }
      >
        <p className="cs-muted" style={{ marginTop: 0 }}>
          {t('consoleUi.money.reconHint')}
        </p>
        <LoadView state={reports} rows={4}>
          {(items) =>
            items.length === 0 ? (
              <EmptyState title={t('consoleUi.money.noReports')}>{t('consoleUi.money.noReportsNext')}</EmptyState>
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey="id"
                dataSource={items}
                data-testid="recon-table"
                expandedRowRender={(r?: ReconciliationReport) => (r ? <MismatchTable items={r.mismatches} /> : null)}
                rowExpandable={(r?: ReconciliationReport) => (r?.mismatchCount ?? 0) > 0}
                columns={[
                  {
                    title: t('consoleUi.money.reconDay'),
                    dataIndex: 'day',
                    render: (day: string, r: ReconciliationReport) => (
                      <span data-testid="recon-day" style={{ whiteSpace: 'nowrap' }}>
                        {day}{' '}
                        <Tag size="small" color={r.trigger === 'manual' ? 'blue' : 'grey'}>
                          {t(`consoleUi.money.reconTrigger.${r.trigger}`, { defaultValue: r.trigger })}
                        </Tag>
                      </span>
                    ),
                  },
                  { title: t('consoleUi.money.reconChecked'), dataIndex: 'checked', align: 'right' },
                  {
                    title: t('consoleUi.money.reconResult'),
                    dataIndex: 'mismatchCount',
                    render: (n: number) =>
                      n === 0 ? (
                        <Tag color="green" size="small">
                          {t('consoleUi.money.reconClean')}
                        </Tag>
                      ) : (
                        <Tag color="red" size="small">
                          {t('consoleUi.money.reconMismatches', { count: n })}
                        </Tag>
                      ),
                  },
                  {
                    title: t('consoleUi.money.reconAt'),
                    dataIndex: 'createdAt',
                    render: (v: number) => <ReconTime at={v} />,
                  },
                ]}
              />
            )
          }
        </LoadView>
      </Card>
    </>
  );
}

function ReconTime({ at }: { at: number }) {
  const { i18n } = useTranslation();
  return <>{formatDateTime(at, i18n.language)}</>;
}

function MismatchTable({ items }: { items: Mismatch[] }) {
  const { t } = useTranslation();
  const fen = (v: number | null) => (v === null ? '—' : formatFen(v));
  // A value without words is shown as is and recorded as a missing key (window.__i18nMissingKeys).
  const label = (group: string, v: string) => t(`consoleUi.money.${group}.${v}`, { defaultValue: v });
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(m?: Mismatch) => `${m?.kind}:${m?.ref}:${m?.code}`}
      dataSource={items}
      data-testid="recon-mismatches"
      columns={[
        { title: t('consoleUi.money.mmKind'), dataIndex: 'kind', render: (v: string) => label('mmKinds', v) },
        {
          title: t('consoleUi.money.ref'),
          dataIndex: 'ref',
          render: (v: string) => <span className="cs-mono">{v}</span>,
        },
        {
          title: t('consoleUi.money.mmCode'),
          dataIndex: 'code',
          render: (v: string) => (
            <Tag color="red" size="small" data-code={v}>
              {label('mmCodes', v)}
            </Tag>
          ),
        },
        {
          title: t('consoleUi.money.mmProvider'),
          dataIndex: 'providerFen',
          align: 'right',
          render: (v: number | null, m: Mismatch) =>
            `${fen(v)}${m.providerStatus ? ` · ${label('recordStatus', m.providerStatus)}` : ''}`,
        },
        {
          title: t('consoleUi.money.mmLedger'),
          dataIndex: 'ledgerFen',
          align: 'right',
          render: (v: number | null, m: Mismatch) =>
            `${fen(v)}${m.ledgerStatus ? ` · ${label('recordStatus', m.ledgerStatus)}` : ''}`,
        },
      ]}
    />
  );
}
