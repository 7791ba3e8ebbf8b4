import { useTranslation } from 'react-i18next';
import { Card, Radio, RadioGroup, Table } from '@douyinfe/semi-ui-19';
import { opsApi, SURGE_POLICIES, type CapacityProjection, type SurgePolicy } from '../../ops-api';
import { EmptyState } from '../../shell/common';
import { useRowAction } from '../../shell/useRowAction';

type ProductPolicy = CapacityProjection['products'][number];

/** 商品爆单策略: per listed product, what happens as the load nears the limit (warn, pre-sale, pause). */
export function PolicyCard({ projection, onChanged }: { projection: CapacityProjection; onChanged: () => void }) {
  const { t } = useTranslation();
  const { busy, run } = useRowAction(onChanged);
  const name = (p: SurgePolicy) => t(`ops.policy.name.${p}`);
  return (
    <Card title={t('ops.policy.title')} data-testid="policy-card">
      <p className="cs-muted ff-hint">{t('ops.policy.hint', { p: Math.round(projection.nearLimitAt * 100) })}</p>
      <ul className="ff-policy-legend">
        {SURGE_POLICIES.map((p) => (
          <li key={p}>
            <strong>{name(p)}</strong> <span className="cs-muted">{t(`ops.policy.desc.${p}`)}</span>
          </li>
        ))}
      </ul>
      {projection.products.length === 0 ? (
        <EmptyState title={t('ops.policy.empty')} />
      ) : (
        <Table
          size="small"
          rowKey="productId"
          dataSource={projection.products}
          pagination={projection.products.length > 10 ? { pageSize: 10 } : false}
          data-testid="policy-table"
          onRow={(p?: ProductPolicy) =>
            ({ 'data-testid': 'policy-row', 'data-product-id': p?.productId, 'data-policy': p?.policy }) as object
          }
          columns={[
            {
              title: t('ops.policy.product'),
              dataIndex: 'title',
              render: (v: string) => <span className="ff-product-title">{v}</span>,
            },
            {
              title: t('ops.policy.policy'),
              dataIndex: 'policy',
              render: (policy: SurgePolicy, p: ProductPolicy) => (
                <RadioGroup
                  className="ff-policy-radios"
                  type="button"
                  buttonSize="small"
                  value={policy}
                  disabled={busy === p.productId}
                  aria-label={`${t('ops.policy.policy')} · ${p.title}`}
                  onChange={(e) => {
                    const next = e.target.value as SurgePolicy;
                    void run(
                      p.productId,
                      () => opsApi.setSurgePolicy(p.productId, next),
                      t('ops.policy.saved', { title: p.title, policy: name(next) }),
                    );
                  }}
                >
                  {SURGE_POLICIES.map((x) => (
                    <Radio key={x} value={x} data-testid={`policy-${x}`}>
                      {name(x)}
                    </Radio>
                  ))}
                </RadioGroup>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
