import { useTranslation } from 'react-i18next';
import { Table, Typography } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../lib/format';
import { consoleApi } from '../api';
import { CursorPager, useCursorPages } from '../shell/CursorPager';
import { EmptyState, ErrorState, StatusTag } from '../shell/common';

/** 店铺: every shop, newest first. */
export function ShopsView() {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages((cursor) => consoleApi.adminShops(cursor), []);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.nav.shops')}
      </Typography.Title>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          empty={<EmptyState title={t('consoleUi.admin.noShops')} />}
          columns={[
            { title: t('consoleUi.admin.shopName'), dataIndex: 'name' },
            { title: t('consoleUi.admin.owner'), dataIndex: 'ownerLogin' },
            { title: t('consoleUi.statusCol'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
            { title: t('consoleUi.nav.products'), dataIndex: 'products', align: 'right' },
            { title: t('consoleUi.nav.orders'), dataIndex: 'orders', align: 'right' },
            {
              title: t('consoleUi.admin.opened'),
              dataIndex: 'createdAt',
              render: (v: number) => formatDateTime(v, i18n.language),
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
    </>
  );
}
