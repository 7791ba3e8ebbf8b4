import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, Card, Input, Modal, Select, Table, Tag, Toast } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../lib/format';
import { formatFen } from '../../../lib/money';
import { moneyApi, type Payout, type PayoutAccount } from '../api';
import { EmptyState, errorText, LoadView, useLoad } from '../shell/common';
import { checkPayout, isPayoutOpen, MIN_PAYOUT_FEN, newRequestKey, payoutColor, payoutKindOf } from './money-rules';
import { PayoutAccountModal } from './PayoutAccountModal';
import './money.css';

export interface PayoutPanelProps {
  /** The withdrawable ledger account (merchant_available:… or creator_available:…). */
  account: string;
  availableFen: number;
  /** Only a shop's owner (or the person themself) withdraws; staff see the lists. */
  canWithdraw: boolean;
  shopId?: string;
  /** Called after a payout or a new account, so the balances refresh. */
  onChanged: () => void;
}

/** 提现: the registered accounts, the request form (confirmed in a dialog) and the payouts with their status. */
export function PayoutPanel({ account, availableFen, canWithdraw, shopId, onChanged }: PayoutPanelProps) {
  const { t } = useTranslation();
  const accounts = useLoad(() => moneyApi.payoutAccounts(account), [account]);
  const payouts = useLoad(() => moneyApi.payouts(account), [account]);
  const [adding, setAdding] = useState(false);
  const kind = payoutKindOf(account);

  // While a payout waits for the provider's answer, look again every few seconds (a minute at most).
  const open = (payouts.data ?? []).some((p) => isPayoutOpen(p.status));
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (!open || polls >= 20) return;
    const id = window.setTimeout(() => {
      setPolls((n) => n + 1);
      payouts.reload();
      onChanged();
    }, 3000);
    return () => window.clearTimeout(id);
  }, [open, polls, payouts.reload, onChanged]);

  const refresh = () => {
    setPolls(0);
    accounts.reload();
    payouts.reload();
    onChanged();
  };

  return (
    <div className="cs-section-gap">
      <Card
        title={t('consoleUi.money.payoutAccounts')}
        headerExtraContent={
          canWithdraw && kind ? (
            <Button onClick={() => setAdding(true)} data-testid="payout-account-add">
              {t('consoleUi.money.addAccount')}
            </Button>
          ) : null
        }
      >
        {!canWithdraw && (
          <Banner
            type="info"
            fullMode={false}
            closeIcon={null}
            description={t('consoleUi.money.ownerOnly')}
            style={{ marginBottom: 12 }}
          />
        )}
        <LoadView state={accounts} rows={2}>
          {(items) =>
            items.length === 0 ? (
              <EmptyState title={t('consoleUi.money.noAccounts')}>
                {canWithdraw ? t('consoleUi.money.noAccountsNext') : null}
              </EmptyState>
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey="id"
                dataSource={items}
                data-testid="payout-accounts-table"
                columns={[
                  { title: t('consoleUi.money.holderName'), dataIndex: 'holderName' },
                  { title: t('consoleUi.money.bank'), dataIndex: 'bank' },
                  {
                    title: t('consoleUi.money.accountNo'),
                    dataIndex: 'accountNoMasked',
                    render: (v: string) => <span className="cs-mono">{v}</span>,
                  },
                ]}
              />
            )
          }
        </LoadView>
        {canWithdraw && (accounts.data?.length ?? 0) > 0 && (
          <PayoutForm
            key={accounts.data?.length}
            accounts={accounts.data ?? []}
            availableFen={availableFen}
            onDone={refresh}
          />
        )}
      </Card>
      <Card
        title={t('consoleUi.money.payouts')}
        headerExtraContent={
          <Button theme="borderless" onClick={refresh} data-testid="payouts-refresh">
            {t('consoleUi.money.refresh')}
          </Button>
        }
      >
        <LoadView state={payouts} rows={3}>
          {(items) => <PayoutsTable items={items} accounts={accounts.data ?? []} />}
        </LoadView>
      </Card>
      {adding && kind && (
        <PayoutAccountModal
          kind={kind}
          shopId={shopId}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            refresh();
          }}
        />
      )}
    </div>
  );
}

function PayoutForm({
  accounts,
  availableFen,
  onDone,
}: {
  accounts: PayoutAccount[];
  availableFen: number;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState(accounts[accounts.length - 1]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const check = checkPayout(amount, availableFen);
  const chosen = accounts.find((a) => a.id === target) ?? accounts[0];
  const error =
    !check.ok && check.reason !== 'empty'
      ? t(`consoleUi.money.payoutError.${check.reason}`, {
          min: formatFen(MIN_PAYOUT_FEN),
          available: formatFen(availableFen),
        })
      : '';

  async function send() {
    if (!check.ok || !chosen) return;
    setBusy(true);
    try {
      await moneyApi.requestPayout({
        payoutAccountId: chosen.id,
        amountFen: check.amountFen,
        requestKey: newRequestKey(Date.now()),
      });
      Toast.success(t('consoleUi.money.payoutRequested'));
      setAmount('');
      setConfirming(false);
      onDone();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mn-payout-form" style={{ marginTop: 16 }}>
      <div className="mn-field">
        <label htmlFor="po-target">{t('consoleUi.money.toAccount')}</label>
        <Select
          id="po-target"
          value={chosen?.id}
          onChange={(v) => setTarget(String(v))}
          style={{ minWidth: 240 }}
          data-testid="payout-target"
          optionList={accounts.map((a) => ({ value: a.id, label: `${a.bank} ${a.accountNoMasked} · ${a.holderName}` }))}
        />
        <span className="mn-field-error" />
      </div>
      <div className="mn-field">
        <label htmlFor="po-amount">{t('consoleUi.money.payoutAmount')}</label>
        <Input
          id="po-amount"
          prefix="¥"
          value={amount}
          onChange={setAmount}
          placeholder="0.00"
          style={{ width: 180 }}
          inputMode="decimal"
          validateStatus={error ? 'error' : 'default'}
          aria-invalid={error ? true : undefined}
          aria-describedby="po-amount-error"
          data-testid="payout-amount"
          onEnterPress={() => check.ok && setConfirming(true)}
        />
        <span className="mn-field-error" id="po-amount-error" role="status">
          {error}
        </span>
      </div>
      <div className="mn-field">
        <Button
          onClick={() => setAmount((availableFen / 100).toFixed(2))}
          disabled={availableFen < MIN_PAYOUT_FEN}
          data-testid="payout-all"
        >
          {t('consoleUi.money.withdrawAll')}
        </Button>
        <span className="mn-field-error" />
      </div>
      <div className="mn-field">
        <Button
          theme="solid"
          type="primary"
          disabled={!check.ok}
          onClick={() => setConfirming(true)}
          data-testid="payout-submit"
        >
          {t('consoleUi.money.requestPayout')}
        </Button>
        <span className="mn-field-error" />
      </div>
      <span className="cs-muted" style={{ alignSelf: 'center', marginBottom: 18 }}>
        {t('consoleUi.money.payoutRules', {
          min: formatFen(MIN_PAYOUT_FEN),
          available: formatFen(Math.max(0, availableFen)),
        })}
      </span>
      {confirming && check.ok && chosen && (
        <Modal
          visible
          closeOnEsc
          title={t('consoleUi.money.confirmTitle')}
          onCancel={() => setConfirming(false)}
          onOk={() => void send()}
          okText={t('consoleUi.money.confirmOk')}
          cancelText={t('consoleUi.cancel')}
          okButtonProps={{ loading: busy, 'data-testid': 'payout-confirm' } as object}
        >
          <p data-testid="payout-confirm-text">
            {t('consoleUi.money.confirmText', {
              amount: formatFen(check.amountFen),
              bank: chosen.bank,
              no: chosen.accountNoMasked,
              holder: chosen.holderName,
            })}
          </p>
          <p className="cs-muted">{t('consoleUi.money.confirmNote')}</p>
        </Modal>
      )}
    </div>
  );
}

function PayoutsTable({ items, accounts }: { items: Payout[]; accounts: PayoutAccount[] }) {
  const { t, i18n } = useTranslation();
  const to = (id: string) => {
    const a = accounts.find((x) => x.id === id);
    return a ? `${a.bank} ${a.accountNoMasked}` : id;
  };
  if (items.length === 0) return <EmptyState title={t('consoleUi.money.noPayouts')} />;
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={items}
      data-testid="payouts-table"
      onRow={(p?: Payout) => ({ 'data-payout-id': p?.id, 'data-status': p?.status }) as object}
      columns={[
        {
          title: t('consoleUi.money.requestedAt'),
          dataIndex: 'createdAt',
          render: (v: number) => formatDateTime(v, i18n.language),
        },
        {
          title: t('consoleUi.money.amount'),
          dataIndex: 'amountFen',
          align: 'right',
          render: (v: number) => <strong className="mn-amount">{formatFen(v)}</strong>,
        },
        { title: t('consoleUi.money.toAccount'), dataIndex: 'payoutAccountId', render: (v: string) => to(v) },
        {
          title: t('consoleUi.statusCol'),
          dataIndex: 'status',
          render: (v: string, p: Payout) => (
            <span>
              <Tag color={payoutColor(v)} size="small" data-testid="payout-status" data-status={v}>
                {i18n.exists(`consoleUi.money.payoutStatus.${v}`) ? t(`consoleUi.money.payoutStatus.${v}`) : v}
              </Tag>
              {p.failure && (
                <span className="cs-muted" style={{ marginLeft: 8 }}>
                  {v === 'failed' ? t('consoleUi.money.returned') : ''} {p.failure}
                </span>
              )}
            </span>
          ),
        },
        {
          title: t('consoleUi.money.completedAt'),
          dataIndex: 'completedAt',
          render: (v: number | null) => (v ? formatDateTime(v, i18n.language) : '—'),
        },
      ]}
    />
  );
}
