import { useTranslation } from 'react-i18next';
import { Table, Tag, Typography } from '@douyinfe/semi-ui-19';
import { linkUrl, myLinks, myShowcase, type TrackedLink } from '../../../../api/affiliate';
import { formatDateTime } from '../../../../lib/format';
import { EmptyState, LoadView, useLoad } from '../../shell/common';

/** 推广链接: my tracked links, newest first — the product, the link to copy, when it expires and how often it was opened. */
export function LinksView() {
  const { t, i18n } = useTranslation();
  const links = useLoad(myLinks, []);
  const showcase = useLoad(myShowcase, []);
  const titles = new Map((showcase.data?.items ?? []).map((i) => [i.product.id, i.product.title]));
  const now = Date.now();
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('affiliate.links.title')}
      </Typography.Title>
      <p className="cs-muted">{t('affiliate.links.hint')}</p>
      <LoadView state={links}>
        {({ items }) => (
          <Table
            rowKey="id"
            pagination={false}
            dataSource={items}
            data-testid="links-table"
            empty={<EmptyState title={t('affiliate.links.empty')} />}
            columns={[
              {
                title: t('affiliate.plans.product'),
                dataIndex: 'productId',
                render: (id: string) => titles.get(id) ?? id,
              },
              {
                title: t('affiliate.links.url'),
                dataIndex: 'token',
                render: (token: string) => (
                  <Typography.Text copyable={{ content: linkUrl(token) }} style={{ wordBreak: 'break-all' }}>
                    {linkUrl(token)}
                  </Typography.Text>
                ),
              },
              {
                title: t('affiliate.links.expiresAt'),
                dataIndex: 'expiresAt',
                render: (v: number) =>
                  v <= now ? (
                    <Tag size="small" color="grey">
                      {t('affiliate.links.expired')}
                    </Tag>
                  ) : (
                    formatDateTime(v, i18n.language)
                  ),
              },
              { title: t('affiliate.links.opens'), dataIndex: 'opens', align: 'right' },
              {
                title: t('affiliate.showcase.addedAt'),
                dataIndex: 'createdAt',
                render: (v: number, l: TrackedLink) => (
                  <span data-link-id={l.id}>{formatDateTime(v, i18n.language)}</span>
                ),
              },
            ]}
          />
        )}
      </LoadView>
    </>
  );
}
