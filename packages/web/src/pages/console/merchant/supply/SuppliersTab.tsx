import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Modal, Popconfirm, Space, Table, TextArea, Toast } from '@douyinfe/semi-ui-19';
import { IconPlus } from '@douyinfe/semi-icons';
import { supplyApi, type Supplier } from '../../../../api/supply';
import { EmptyState, ErrorState, errorText, useLoad } from '../../shell/common';
import { useRowAction } from '../../shell/useRowAction';

/** 供应商: the shop's suppliers; add, edit, and delete one no batch or base refers to. */
export function SuppliersTab({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const list = useLoad(() => supplyApi.suppliers(shopId), [shopId]);
  const { busy, run } = useRowAction(list.reload);
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  if (list.error != null) return <ErrorState error={list.error} onRetry={list.reload} />;
  const add = (
    <Button theme="solid" icon={<IconPlus />} onClick={() => setEditing('new')} data-testid="supplier-new">
      {t('supply.suppliers.add')}
    </Button>
  );
  return (
    <>
      <div className="cs-toolbar">
        <span className="cs-grow" />
        {add}
      </div>
      <Table
        loading={list.loading}
        rowKey="id"
        pagination={false}
        dataSource={list.data ?? []}
        empty={<EmptyState title={t('supply.suppliers.empty')}>{add}</EmptyState>}
        columns={[
          { title: t('supply.suppliers.name'), dataIndex: 'name' },
          {
            title: t('supply.suppliers.contact'),
            dataIndex: 'contactName',
            render: (_: unknown, s: Supplier) => [s.contactName, s.phone].filter(Boolean).join(' · ') || '—',
          },
          { title: t('supply.suppliers.region'), dataIndex: 'region', render: (v: string) => v || '—' },
          { title: t('supply.suppliers.batches'), dataIndex: 'batches', align: 'right' },
          {
            title: t('consoleUi.actions'),
            dataIndex: 'id',
            render: (_: unknown, s: Supplier) => (
              <span>
                <Button theme="borderless" onClick={() => setEditing(s)}>
                  {t('consoleUi.edit')}
                </Button>
                <Popconfirm
                  title={t('supply.suppliers.confirmDelete')}
                  content={s.name}
                  onConfirm={() => void run(s.id, () => supplyApi.deleteSupplier(s.id), t('supply.suppliers.deleted'))}
                >
                  <span className="supply-confirm-trigger">
                    <Button theme="borderless" type="danger" loading={busy === s.id}>
                      {t('supply.delete')}
                    </Button>
                  </span>
                </Popconfirm>
              </span>
            ),
          },
        ]}
      />
      {editing && (
        <SupplierModal
          shopId={shopId}
          supplier={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}

function SupplierModal({
  shopId,
  supplier,
  onClose,
  onSaved,
}: {
  shopId: string;
  supplier: Supplier | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(supplier?.name ?? '');
  const [contactName, setContactName] = useState(supplier?.contactName ?? '');
  const [phone, setPhone] = useState(supplier?.phone ?? '');
  const [region, setRegion] = useState(supplier?.region ?? '');
  const [note, setNote] = useState(supplier?.note ?? '');
  const [busy, setBusy] = useState(false);

  async function save() {
    setBusy(true);
    try {
      const body = { name: name.trim(), contactName, phone, region, note };
      await (supplier ? supplyApi.updateSupplier(supplier.id, body) : supplyApi.createSupplier(shopId, body));
      Toast.success(t('consoleUi.saved'));
      onSaved();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  const field = (id: string, label: string, value: string, set: (v: string) => void, max: number) => (
    <>
      <label className="cs-muted" htmlFor={id}>
        {label}
      </label>
      <Input id={id} value={value} onChange={set} maxLength={max} />
    </>
  );
  return (
    <Modal
      visible
      closeOnEsc
      title={supplier ? t('supply.suppliers.edit') : t('supply.suppliers.add')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('consoleUi.save')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{
        disabled: name.trim().length < 1,
        loading: busy,
        ...({ 'data-testid': 'supplier-save' } as object),
      }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        {field('sup-name', t('supply.suppliers.name'), name, setName, 40)}
        {field('sup-contact', t('supply.suppliers.contact'), contactName, setContactName, 20)}
        {field('sup-phone', t('supply.suppliers.phone'), phone, setPhone, 20)}
        {field('sup-region', t('supply.suppliers.region'), region, setRegion, 40)}
        <label className="cs-muted" htmlFor="sup-note">
          {t('supply.suppliers.note')}
        </label>
        <TextArea id="sup-note" value={note} onChange={setNote} maxCount={500} rows={3} />
      </Space>
    </Modal>
  );
}
