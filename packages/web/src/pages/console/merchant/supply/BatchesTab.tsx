import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Popconfirm, Radio, RadioGroup, Table, Tag } from '@douyinfe/semi-ui-19';
import { IconPlus } from '@douyinfe/semi-icons';
import { supplyApi, type Batch, type BatchStatus } from '../../../../api/supply';
import { shanghaiDay } from '../../../shop/origin-dates';
import { CursorPager, useCursorPages } from '../../shell/CursorPager';
import { EmptyState, ErrorState } from '../../shell/common';
import { useRowAction } from '../../shell/useRowAction';
import { BatchDrawer } from './BatchDrawer';
import { BatchModal } from './BatchModal';

/** 批次: batches newest first; record one, receive it into stock (入库), check it, edit or delete it while pending. */
export function BatchesTab({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<BatchStatus | ''>('');
  const pages = useCursorPages(
    (cursor) => supplyApi.batches(shopId, { status: status || undefined, cursor }),
    [shopId, status],
  );
  const { busy, run } = useRowAction(pages.reload);
  const [editing, setEditing] = useState<Batch | 'new' | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const add = (
    <Button theme="solid" icon={<IconPlus />} onClick={() => setEditing('new')} data-testid="batch-new">
      {t('supply.batches.add')}
    </Button>
  );
  return (
    <>
      <div className="cs-toolbar">
        <RadioGroup
          type="button"
          value={status}
          onChange={(e) => setStatus(e.target.value as BatchStatus | '')}
          aria-label={t('consoleUi.filterStatus')}
        >
          <Radio value="">{t('consoleUi.all')}</Radio>
          <Radio value="pending">{t('supply.status.pending')}</Radio>
          <Radio value="received">{t('supply.status.received')}</Radio>
        </RadioGroup>
        <span className="cs-grow" />
        {add}
      </div>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          empty={<EmptyState title={t('supply.batches.empty')}>{add}</EmptyState>}
          columns={[
            {
              title: t('supply.batches.code'),
              dataIndex: 'code',
              render: (v: string, b: Batch) => (
                <Button theme="borderless" onClick={() => setOpen(b.id)}>
                  {v}
                </Button>
              ),
            },
            {
              title: t('supply.batches.product'),
              dataIndex: 'productTitle',
              render: (_: unknown, b: Batch) => (
                <span>
                  {b.productTitle}
                  <br />
                  <span className="cs-muted">{b.specValues.join(' / ')}</span>
                </span>
              ),
            },
            {
              title: t('supply.batches.supplier'),
              dataIndex: 'supplierName',
              render: (_: unknown, b: Batch) => (
                <span>
                  {b.supplierName}
                  {b.baseName && (
                    <>
                      <br />
                      <span className="cs-muted">{b.baseName}</span>
                    </>
                  )}
                </span>
              ),
            },
            { title: t('supply.batches.harvestedAt'), dataIndex: 'harvestedAt', render: (v: number) => shanghaiDay(v) },
            {
              title: `${t('supply.batches.remaining')} / ${t('supply.batches.quantity')}`,
              dataIndex: 'remaining',
              align: 'right',
              render: (_: unknown, b: Batch) =>
                b.status === 'received' ? `${b.remaining} / ${b.quantity}` : `— / ${b.quantity}`,
            },
            {
              title: t('consoleUi.statusCol'),
              dataIndex: 'status',
              render: (v: BatchStatus) => (
                <Tag color={v === 'received' ? 'green' : 'orange'} size="small">
                  {t(`supply.status.${v}`)}
                </Tag>
              ),
            },
            {
              title: t('supply.batches.latestQc'),
              dataIndex: 'latestQc',
              render: (q: Batch['latestQc']) =>
                q ? (
                  <Tag color={q.result === 'pass' ? 'green' : 'red'} size="small">
                    {t(`supply.qc.${q.result}`)} {shanghaiDay(q.checkedAt)}
                  </Tag>
                ) : (
                  '—'
                ),
            },
            {
              title: t('consoleUi.actions'),
              dataIndex: 'id',
              render: (_: unknown, b: Batch) => (
                <span>
                  <Button theme="borderless" onClick={() => setOpen(b.id)}>
                    {t('supply.detail')}
                  </Button>
                  {b.status === 'pending' && (
                    <Popconfirm
                      title={t('supply.batches.confirmReceive')}
                      content={`${b.code} · ${b.productTitle} ×${b.quantity}`}
                      onConfirm={() => void run(b.id, () => supplyApi.receive(b.id), t('supply.status.received'))}
                    >
                      <span className="supply-confirm-trigger">
                        <Button theme="borderless" type="primary" loading={busy === b.id} data-testid="batch-receive">
                          {t('supply.batches.receive')}
                        </Button>
                      </span>
                    </Popconfirm>
                  )}
                  <Button theme="borderless" onClick={() => setEditing(b)}>
                    {t('consoleUi.edit')}
                  </Button>
                  {b.status === 'pending' && (
                    <Popconfirm
                      title={t('supply.batches.confirmDelete')}
                      content={b.code}
                      onConfirm={() =>
                        void run(`${b.id}:delete`, () => supplyApi.deleteBatch(b.id), t('supply.suppliers.deleted'))
                      }
                    >
                      <span className="supply-confirm-trigger">
                        <Button theme="borderless" type="danger" loading={busy === `${b.id}:delete`}>
                          {t('supply.delete')}
                        </Button>
                      </span>
                    </Popconfirm>
                  )}
                </span>
              ),
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
      {editing && (
        <BatchModal
          shopId={shopId}
          batch={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            pages.reload();
          }}
        />
      )}
      {open && <BatchDrawer shopId={shopId} batchId={open} onClose={() => setOpen(null)} onChanged={pages.reload} />}
    </>
  );
}
