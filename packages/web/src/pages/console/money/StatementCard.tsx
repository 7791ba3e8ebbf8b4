import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Select, Table } from '@douyinfe/semi-ui-19';
import { IconDownload } from '@douyinfe/semi-icons';
import { formatDateTime } from '../../../lib/format';
import { formatFen } from '../../../lib/money';
import { moneyApi, type StatementLine } from '../api';
import { CursorPager, useCursorPages } from '../shell/CursorPager';
import { EmptyState, ErrorState } from '../shell/common';
import { useKindName } from './BalanceCards';
import { memoInLanguage } from './memo-text';
import './money.css';

export function SignedFen({ fen }: { fen: number }) {
  return (
    <span className={`mn-amount ${fen > 0 ? 'mn-in' : fen < 0 ? 'mn-out' : ''}`}>
      {fen > 0 ? '+' : ''}
      {formatFen(fen)}
    </span>
  );
}

/** 账户流水: one account's entries with the running balance, pages, and the CSV download. */
export function StatementCard({ accounts, reloadKey = 0 }: { accounts: string[]; reloadKey?: number }) {
  const { t, i18n } = useTranslation();
  const kindName = useKindName();
  const [chosen, setChosen] = useState(accounts[0] ?? '');
  const account = accounts.includes(chosen) ? chosen : (accounts[0] ?? '');
  const [opening, setOpening] = useState<number | null>(null);
  const pages = useCursorPages(
    async (cursor) => {
      const s = await moneyApi.statement(account, cursor);
      setOpening(s.openingFen);
      return s;
    },
    [account, reloadKey],
  );
  // An entry kind without words is shown as is and recorded as a missing key (window.__i18nMissingKeys).
  const reasonName = (r: string) => t(`consoleUi.money.reason.${r}`, { defaultValue: r });
  const last = pages.items?.[pages.items.length - 1];

  return (
    <Card
      title={t('consoleUi.money.statement')}
      headerExtraContent={
        <span className="cs-toolbar" style={{ margin: 0 }}>
          {accounts.length > 1 && (
            <Select
              value={account}
              onChange={(v) => setChosen(String(v))}
              style={{ minWidth: 200 }}
              aria-label={t('consoleUi.money.chooseAccount')}
              data-testid="statement-account"
              optionList={accounts.map((a) => ({ value: a, label: kindName(a) }))}
            />
          )}
          <a className="mn-csv" href={moneyApi.statementCsvUrl(account)} download data-testid="statement-csv">
            <IconDownload aria-hidden /> {t('consoleUi.money.downloadCsv')}
          </a>
        </span>
      }
    >
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <>
          {opening !== null && (pages.items?.length ?? 0) > 0 && (
            <div className="mn-opening">
              <span>
                {t('consoleUi.money.opening')}: {formatFen(opening)}
              </span>
              {last && (
                <span>
                  {t('consoleUi.money.closing')}: {formatFen(last.balanceFen)}
                </span>
              )}
            </div>
          )}
          <Table
            size="small"
            loading={pages.loading}
            rowKey="entryId"
            pagination={false}
            dataSource={pages.items ?? []}
            data-testid="statement-table"
            scroll={{ x: 'max-content' }}
            empty={<EmptyState title={t('consoleUi.money.noEntries')} />}
            columns={[
              {
                title: t('consoleUi.money.at'),
                dataIndex: 'at',
                render: (v: number) => formatDateTime(v, i18n.language),
              },
              { title: t('consoleUi.money.reasonCol'), dataIndex: 'reason', render: (v: string) => reasonName(v) },
              {
                title: t('consoleUi.money.ref'),
                dataIndex: 'refId',
                render: (v: string, l: StatementLine) => (
                  <span className="cs-mono" title={l.refKind}>
                    {v}
                  </span>
                ),
              },
              {
                title: t('consoleUi.money.memo'),
                dataIndex: 'memo',
                render: (v: string) => {
                  const memo = memoInLanguage(v, i18n.language);
                  return (
                    <span
                      className="cs-muted mn-memo"
                      title={memo.text}
                      data-user-content={memo.written ? '' : undefined}
                    >
                      {memo.text}
                    </span>
                  );
                },
              },
              {
                title: t('consoleUi.money.amount'),
                dataIndex: 'amountFen',
                align: 'right',
                render: (v: number) => <SignedFen fen={v} />,
              },
              {
                title: t('consoleUi.money.runningBalance'),
                dataIndex: 'balanceFen',
                align: 'right',
                render: (v: number) => <span className={`mn-amount${v < 0 ? ' mn-out' : ''}`}>{formatFen(v)}</span>,
              },
            ]}
          />
        </>
      )}
      <CursorPager pages={pages} />
    </Card>
  );
}
