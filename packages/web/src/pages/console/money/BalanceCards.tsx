import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../lib/money';
import type { BalanceView } from '../api';
import { accountKind } from './money-rules';
import './money.css';

/** The name of a ledger account kind in the UI language (a kind without words shows the server's label and is recorded as a missing key). */
export function useKindName(): (account: string, fallback?: string) => string {
  const { t } = useTranslation();
  return (account, fallback) =>
    t(`consoleUi.money.kind.${accountKind(account)}`, { defaultValue: fallback ?? account });
}

/**
 * One card per account: the balance in ¥ and what it means. A negative balance (a refund after
 * settlement clawed back more than the account held) is red and says it is settled from future income.
 * `assets` are accounts that run negative by design (cash the platform holds at a provider).
 */
export function BalanceCards({
  items,
  testId,
  assets = [],
}: {
  items: BalanceView[];
  testId: string;
  assets?: string[];
}) {
  const { t, i18n } = useTranslation();
  const kindName = useKindName();
  return (
    <div className="mn-balances" data-testid={testId}>
      {items.map((b) => {
        const kind = accountKind(b.accountId);
        const asset = assets.includes(kind);
        const negative = b.balanceFen < 0 && !asset;
        const hintKey = `consoleUi.money.hint.${kind}`;
        return (
          <section
            className={`mn-balance${negative ? ' mn-negative' : ''}`}
            key={b.accountId}
            data-account={b.accountId}
            data-kind={kind}
            aria-label={kindName(b.accountId, b.label)}
          >
            <div className="mn-balance-label">
              {kindName(b.accountId, b.label)}
              {b.ownerId && asset
                ? ` · ${t(`consoleUi.money.provider.${b.ownerId}`, { defaultValue: b.ownerId })}`
                : ''}
            </div>
            <div className="mn-balance-value" data-testid="balance-value" data-fen={b.balanceFen}>
              {formatFen(asset ? -b.balanceFen : b.balanceFen)}
            </div>
            <div className="mn-balance-hint" role={negative ? 'alert' : undefined}>
              {negative ? t('consoleUi.money.negativeHint') : i18n.exists(hintKey) ? t(hintKey) : ''}
            </div>
          </section>
        );
      })}
    </div>
  );
}
