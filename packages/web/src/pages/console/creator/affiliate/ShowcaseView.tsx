import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Popconfirm, Space, Table, Typography } from '@douyinfe/semi-ui-19';
import { myShowcase, removeFromShowcase, type ShowcaseItem } from '../../../../api/affiliate';
import { formatFen } from '../../../../lib/money';
import { formatDateTime } from '../../../../lib/format';
import { EmptyState, LoadView, useLoad } from '../../shell/common';
import { useRowAction } from '../../shell/useRowAction';
import { AnchorModal } from './AnchorModal';
import { LinkModal } from './LinkModal';
import { OfferText } from './OfferText';

/** 橱窗: the products I promote, what each pays me now; anchor one on a video, make a tracked link, take it out. */
export function ShowcaseView() {
  const { t, i18n } = useTranslation();
  const showcase = useLoad(myShowcase, []);
  const { busy, run } = useRowAction(showcase.reload);
  const [anchoring, setAnchoring] = useState<ShowcaseItem | null>(null);
  const [linking, setLinking] = useState<ShowcaseItem | null>(null);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('affiliate.showcase.title')}
      </Typography.Title>
      <p className="cs-muted">{t('affiliate.showcase.hint')}</p>
      <LoadView state={showcase}>
        {({ items }) => (
          <Table
            rowKey={(i?: ShowcaseItem) => i?.product.id ?? ''}
            pagination={false}
            dataSource={items}
            data-testid="showcase-table"
            scroll={{ x: 'max-content' }}
            onRow={(i?: ShowcaseItem) => ({ 'data-product-id': i?.product.id ?? '' }) as Record<string, string>}
            empty={<EmptyState title={t('affiliate.showcase.empty')} />}
            columns={[
              {
                title: t('affiliate.plans.product'),
                dataIndex: 'product',
                render: (p: ShowcaseItem['product']) => (
                  <span>
                    <strong>{p.title}</strong>
                    <br />
                    <span className="cs-muted">{p.shopName}</span>
                  </span>
                ),
              },
              {
                title: t('affiliate.market.price'),
                dataIndex: 'product',
                align: 'right',
                render: (p: ShowcaseItem['product']) => formatFen(p.priceFen),
              },
              {
                title: t('affiliate.market.earnNow'),
                dataIndex: 'offer',
                render: (_: unknown, i: ShowcaseItem) => <OfferText offer={i.offer} priceFen={i.product.priceFen} />,
              },
              {
                title: t('affiliate.showcase.addedAt'),
                dataIndex: 'addedAt',
                render: (v: number) => formatDateTime(v, i18n.language),
              },
              {
                title: t('consoleUi.actions'),
                dataIndex: 'viaPlanId',
                render: (_: unknown, i: ShowcaseItem) => (
                  <Space>
                    <Button size="small" theme="solid" onClick={() => setAnchoring(i)} data-testid="showcase-anchor">
                      {t('affiliate.showcase.anchor')}
                    </Button>
                    <Button size="small" onClick={() => setLinking(i)} data-testid="showcase-link">
                      {t('affiliate.showcase.link')}
                    </Button>
                    <Popconfirm
                      title={t('affiliate.showcase.confirmRemove')}
                      content={i.product.title}
                      onConfirm={() =>
                        void run(i.product.id, () => removeFromShowcase(i.product.id), t('affiliate.showcase.removed'))
                      }
                    >
                      <span>
                        <Button
                          size="small"
                          type="danger"
                          loading={busy === i.product.id}
                          data-testid="showcase-remove"
                        >
                          {t('affiliate.showcase.remove')}
                        </Button>
                      </span>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </LoadView>
      {anchoring && <AnchorModal item={anchoring} onClose={() => setAnchoring(null)} />}
      {linking && <LinkModal item={linking} onClose={() => setLinking(null)} />}
    </>
  );
}
