import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Select, TabPane, Tabs, Typography } from '@douyinfe/semi-ui-19';
import { moneyApi } from '../api';
import { EmptyState, LoadView, useLoad } from '../shell/common';
import { BalanceCards, useKindName } from './BalanceCards';
import { accountKind, PERSON_KINDS } from './money-rules';
import { PayoutPanel } from './PayoutPanel';
import { StatementCard } from './StatementCard';

/** 收益: my creator (and MCN / colonel) earnings, payouts and statement. */
export function CreatorEarnings() {
  const { t } = useTranslation();
  const kindName = useKindName();
  const balances = useLoad(() => moneyApi.balances(), []);
  const [tab, setTab] = useState('payouts');
  const [chosen, setChosen] = useState<string | null>(null);

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.money.earningsTitle')}
      </Typography.Title>
      <LoadView state={balances} rows={3}>
        {(all) => {
          const mine = all.filter((b) => (PERSON_KINDS as readonly string[]).includes(accountKind(b.accountId)));
          if (mine.length === 0)
            return (
              <EmptyState title={t('consoleUi.money.noEarnings')}>{t('consoleUi.money.noEarningsNext')}</EmptyState>
            );
          const current = mine.find((b) => b.accountId === chosen) ?? mine[0]!;
          return (
            <>
              <BalanceCards items={mine} testId="earnings-balances" />
              {mine.length > 1 && (
                <div className="cs-toolbar">
                  <Select
                    value={current.accountId}
                    onChange={(v) => setChosen(String(v))}
                    style={{ minWidth: 220 }}
                    aria-label={t('consoleUi.money.chooseAccount')}
                    optionList={mine.map((b) => ({ value: b.accountId, label: kindName(b.accountId, b.label) }))}
                  />
                </div>
              )}
              <Tabs type="line" activeKey={tab} onChange={setTab}>
                <TabPane itemKey="payouts" tab={t('consoleUi.money.payoutTab')}>
                  <div style={{ paddingTop: 12 }}>
                    <PayoutPanel
                      key={current.accountId}
                      account={current.accountId}
                      availableFen={current.balanceFen}
                      canWithdraw
                      onChanged={balances.reload}
                    />
                  </div>
                </TabPane>
                <TabPane itemKey="statement" tab={t('consoleUi.money.statement')}>
                  <div style={{ paddingTop: 12 }}>
                    <StatementCard
                      key={current.accountId}
                      accounts={[current.accountId]}
                      reloadKey={current.balanceFen}
                    />
                  </div>
                </TabPane>
              </Tabs>
            </>
          );
        }}
      </LoadView>
    </>
  );
}
