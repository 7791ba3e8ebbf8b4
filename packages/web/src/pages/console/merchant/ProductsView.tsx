import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button, Popconfirm, RadioGroup, Radio, Table, Typography } from '@douyinfe/semi-ui-19';
import { IconPlus } from '@douyinfe/semi-icons';
import { formatFen } from '../../../lib/money';
import { consoleApi, type ProductCard } from '../api';
import { CursorPager, useCursorPages } from '../shell/CursorPager';
import { EmptyState, ErrorState, StatusTag } from '../shell/common';
import { useRowAction } from '../shell/useRowAction';

/** 商品: the shop's products in every status, filter by status, list/delist, edit. */
export function ProductsView({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState('');
  const pages = useCursorPages(
    (cursor) => consoleApi.products(shopId, { status: status || undefined, cursor }),
    [shopId, status],
  );
  const { busy, run } = useRowAction(pages.reload);

  function toggle(p: ProductCard) {
    return run(
      p.id,
      () => consoleApi.setProductStatus(p.id, p.status === 'listed' ? 'delisted' : 'listed'),
      p.status === 'listed' ? t('consoleUi.products.delisted') : t('consoleUi.products.listed'),
    );
  }

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.nav.products')}
      </Typography.Title>
      <div className="cs-toolbar">
        <RadioGroup
          type="button"
          value={status}
          onChange={(e) => setStatus(String(e.target.value))}
          aria-label={t('consoleUi.filterStatus')}
        >
          <Radio value="">{t('consoleUi.all')}</Radio>
          <Radio value="listed">{t('consoleUi.status.listed')}</Radio>
          <Radio value="draft">{t('consoleUi.status.draft')}</Radio>
          <Radio value="delisted">{t('consoleUi.status.delisted')}</Radio>
        </RadioGroup>
        <span className="cs-grow" />
        <Button
          theme="solid"
          icon={<IconPlus />}
          onClick={() => navigate('/merchant/products/new')}
          data-testid="product-new"
        >
          {t('consoleUi.products.new')}
        </Button>
      </div>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          empty={
            <EmptyState title={t('consoleUi.products.empty')}>
              <Button onClick={() => navigate('/merchant/products/new')}>{t('consoleUi.products.new')}</Button>
            </EmptyState>
          }
          columns={[
            {
              title: t('consoleUi.products.product'),
              dataIndex: 'title',
              render: (_: unknown, p: ProductCard) => (
                <span className="cs-title-cell">
                  {p.imageUrl ? <img className="cs-thumb" src={p.imageUrl} alt="" /> : <span className="cs-thumb" />}
                  <span>{p.title}</span>
                </span>
              ),
            },
            {
              title: t('consoleUi.products.price'),
              dataIndex: 'priceFen',
              align: 'right',
              render: (v: number) => formatFen(v),
            },
            { title: t('consoleUi.products.sales'), dataIndex: 'sales', align: 'right' },
            { title: t('consoleUi.statusCol'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
            {
              title: t('consoleUi.actions'),
              dataIndex: 'id',
              render: (_: unknown, p: ProductCard) => (
                <span>
                  <Button theme="borderless" onClick={() => navigate(`/merchant/products/${p.id}`)}>
                    {t('consoleUi.edit')}
                  </Button>
                  <Popconfirm
                    title={
                      p.status === 'listed'
                        ? t('consoleUi.products.confirmDelist')
                        : t('consoleUi.products.confirmList')
                    }
                    content={p.title}
                    onConfirm={() => void toggle(p)}
                  >
                    <span>
                      <Button
                        theme="borderless"
                        type={p.status === 'listed' ? 'danger' : 'primary'}
                        loading={busy === p.id}
                      >
                        {p.status === 'listed' ? t('consoleUi.products.delist') : t('consoleUi.products.list')}
                      </Button>
                    </span>
                  </Popconfirm>
                </span>
              ),
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
    </>
  );
}
