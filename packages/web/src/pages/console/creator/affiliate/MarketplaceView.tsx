import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Space, Table, Tag, Typography } from '@douyinfe/semi-ui-19';
import { IconSearch } from '@douyinfe/semi-icons';
import {
  addToShowcase,
  formatBp,
  marketplace,
  type MarketplaceItem,
  type MarketplacePlan,
} from '../../../../api/affiliate';
import { formatFen } from '../../../../lib/money';
import { formatCount } from '../../../../lib/format';
import { CursorPager, useCursorPages } from '../../shell/CursorPager';
import { EmptyState, ErrorState } from '../../shell/common';
import { useRowAction } from '../../shell/useRowAction';
import { PlanStateTag } from '../../affiliate/PlanStateTag';
import { ApplyModal } from './ApplyModal';
import { OfferText } from './OfferText';
import { SampleModal } from './SampleModal';

/**
 * 选品广场: listed products with a plan open to me (or to apply to), searchable by title, with
 * price, sales, what I would earn now, every plan, and the actions each allows: apply to a
 * targeted plan, add to my showcase (directly, or through a colonel's activity).
 */
export function MarketplaceView() {
  const { t, i18n } = useTranslation();
  const [input, setInput] = useState('');
  const [q, setQ] = useState<string | null>(null);
  const pages = useCursorPages((cursor) => marketplace(q, cursor), [q]);
  const { busy, run } = useRowAction(pages.reload);
  const [applying, setApplying] = useState<{ item: MarketplaceItem; plan: MarketplacePlan } | null>(null);
  const [sampling, setSampling] = useState<MarketplaceItem | null>(null);

  const add = (item: MarketplaceItem, activityId?: string) =>
    run(
      item.product.id + (activityId ?? ''),
      () => addToShowcase(item.product.id, activityId),
      t('affiliate.market.added'),
    );

  function planActions(item: MarketplaceItem) {
    return (
      <Space vertical align="start" spacing={4}>
        {item.plans.map((p) => (
          <div
            key={p.planId}
            style={{ display: 'flex', alignItems: 'center', gap: 4, flexWrap: 'wrap' }}
            data-plan-id={p.planId}
            data-kind={p.kind}
          >
            <Tag size="small" color="blue">
              {t(`affiliate.kind.${p.kind}`)}
            </Tag>
            <span>{formatBp(p.rateBp)}</span>
            {p.activity && (
              <span className="cs-muted">
                {t('affiliate.market.serviceFee', { fee: formatBp(p.activity.serviceFeeBp) })}
              </span>
            )}
            {p.application && <PlanStateTag state={p.application} />}
            {p.kind === 'targeted' && (p.application === null || p.application === 'rejected') && (
              <Button size="small" onClick={() => setApplying({ item, plan: p })} data-testid="plan-apply">
                {t('affiliate.market.apply')}
              </Button>
            )}
            {p.kind === 'colonel' && p.activity && !item.inShowcase && (
              <Button
                size="small"
                loading={busy === item.product.id + p.activity.id}
                onClick={() => void add(item, p.activity!.id)}
                data-testid="showcase-via-activity"
              >
                {t('affiliate.market.viaActivity')}
              </Button>
            )}
          </div>
        ))}
      </Space>
    );
  }

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('affiliate.market.title')}
      </Typography.Title>
      <div className="cs-toolbar">
        <Input
          prefix={<IconSearch />}
          value={input}
          onChange={setInput}
          onEnterPress={() => setQ(input.trim() || null)}
          placeholder={t('affiliate.market.search')}
          style={{ maxWidth: 320 }}
          data-testid="market-search"
          showClear
          onClear={() => setQ(null)}
        />
        <Button onClick={() => setQ(input.trim() || null)} data-testid="market-search-go">
          {t('affiliate.market.searchGo')}
        </Button>
      </div>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey={(i?: MarketplaceItem) => i?.product.id ?? ''}
          pagination={false}
          dataSource={pages.items ?? []}
          data-testid="market-table"
          scroll={{ x: 'max-content' }}
          onRow={(i?: MarketplaceItem) => ({ 'data-product-id': i?.product.id ?? '' }) as Record<string, string>}
          empty={<EmptyState title={t('affiliate.market.empty')} />}
          columns={[
            {
              title: t('affiliate.plans.product'),
              dataIndex: 'product',
              render: (p: MarketplaceItem['product']) => (
                <span className="cs-title-cell">
                  {p.imageUrl ? <img className="cs-poster" src={p.imageUrl} alt="" /> : <span className="cs-poster" />}
                  <span>
                    <strong>{p.title}</strong>
                    <br />
                    <span className="cs-muted">{p.shopName}</span>
                  </span>
                </span>
              ),
            },
            {
              title: t('affiliate.market.price'),
              dataIndex: 'product',
              align: 'right',
              render: (p: MarketplaceItem['product']) => formatFen(p.priceFen),
            },
            {
              title: t('affiliate.market.sales'),
              dataIndex: 'product',
              align: 'right',
              render: (p: MarketplaceItem['product']) => formatCount(p.sales, i18n.language),
            },
            {
              title: t('affiliate.market.experience'),
              dataIndex: 'experienceScore',
              align: 'right',
              render: (s: number | null) => (s === null ? <span className="cs-muted">—</span> : String(s)),
            },
            {
              title: t('affiliate.market.earnNow'),
              dataIndex: 'offer',
              render: (_: unknown, i: MarketplaceItem) => <OfferText offer={i.offer} priceFen={i.product.priceFen} />,
            },
            {
              title: t('affiliate.market.plans'),
              dataIndex: 'plans',
              render: (_: unknown, i: MarketplaceItem) => planActions(i),
            },
            {
              title: t('consoleUi.actions'),
              dataIndex: 'inShowcase',
              render: (inShowcase: boolean, i: MarketplaceItem) => (
                <Space vertical align="start" spacing={4}>
                  {inShowcase ? (
                    <Tag color="green" size="small" data-testid="in-showcase">
                      {t('affiliate.market.inShowcase')}
                    </Tag>
                  ) : i.offer.reason === 'plan' ? (
                    <Button
                      size="small"
                      theme="solid"
                      loading={busy === i.product.id}
                      onClick={() => void add(i)}
                      data-testid="showcase-add"
                    >
                      {t('affiliate.market.add')}
                    </Button>
                  ) : null}
                  {(inShowcase || i.offer.reason === 'plan') && (
                    <Button size="small" onClick={() => setSampling(i)} data-testid="sample-request">
                      {t('affiliate.samples.request')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
      {sampling && (
        <SampleModal
          productId={sampling.product.id}
          title={sampling.product.title}
          onClose={() => setSampling(null)}
          onRequested={() => setSampling(null)}
        />
      )}
      {applying && (
        <ApplyModal
          item={applying.item}
          plan={applying.plan}
          onClose={() => setApplying(null)}
          onApplied={() => {
            setApplying(null);
            pages.reload();
          }}
        />
      )}
    </>
  );
}
