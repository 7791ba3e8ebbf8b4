import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { TabPane, Tabs, Typography } from '@douyinfe/semi-ui-19';
import { moneyApi } from '../api';
import { LoadView, useLoad } from '../shell/common';
import { BalanceCards } from './BalanceCards';
import { PayoutPanel } from './PayoutPanel';
import { SettlementsCard } from './SettlementsCard';
import { StatementCard } from './StatementCard';

const TABS = ['settlements', 'payouts', 'statement'] as const;

/** 资金: the shop's pending and available funds, settled orders, payouts and the statement. */
export function MerchantFunds({ shopId, role }: { shopId: string; role: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'settlements';
  const balances = useLoad(() => moneyApi.balances(), [shopId]);
  const pending = `clearing:${shopId}`;
  const available = `merchant_available:${shopId}`;

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.money.fundsTitle')}
      </Typography.Title>
      <LoadView state={balances} rows={3}>
        {(all) => {
          const mine = [pending, available].map(
            (id) =>
              all.find((b) => b.accountId === id) ?? {
                accountId: id,
                kind: id.split(':')[0]!,
                ownerId: shopId,
                label: id,
                balanceFen: 0,
              },
          );
          const availableFen = mine[1]!.balanceFen;
          return (
            <>
              <BalanceCards items={mine} testId="funds-balances" />
              <Tabs type="line" activeKey={tab} onChange={(k) => setParams(k === 'settlements' ? {} : { tab: k })}>
                <TabPane itemKey="settlements" tab={t('consoleUi.money.settlements')}>
                  <div style={{ paddingTop: 12 }}>
                    <SettlementsCard shopId={shopId} />
                  </div>
                </TabPane>
                <TabPane itemKey="payouts" tab={t('consoleUi.money.payoutTab')}>
                  <div style={{ paddingTop: 12 }}>
                    <PayoutPanel
                      account={available}
                      availableFen={availableFen}
                      canWithdraw={role === 'owner'}
                      shopId={shopId}
                      onChanged={balances.reload}
                    />
                  </div>
                </TabPane>
                <TabPane itemKey="statement" tab={t('consoleUi.money.statement')}>
                  <div style={{ paddingTop: 12 }}>
                    <StatementCard accounts={[available, pending]} reloadKey={availableFen} />
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
