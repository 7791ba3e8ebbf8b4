import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Modal, Popconfirm, Select, Space, Table, TextArea, Toast } from '@douyinfe/semi-ui-19';
import { IconPlus } from '@douyinfe/semi-icons';
import {
  BASE_KINDS,
  supplyApi,
  type Base,
  type BaseKind,
  type Supplier,
  type SupplyPhoto,
} from '../../../../api/supply';
import { EmptyState, ErrorState, errorText, useLoad } from '../../shell/common';
import { useRowAction } from '../../shell/useRowAction';
import { Field } from './Field';
import { PhotoPicker } from './PhotoPicker';

/** 基地: production bases (orchard, farm, ranch, fishery, factory) with region, operator and a photo. */
export function BasesTab({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const list = useLoad(() => Promise.all([supplyApi.bases(shopId), supplyApi.suppliers(shopId)]), [shopId]);
  const { busy, run } = useRowAction(list.reload);
  const [editing, setEditing] = useState<Base | 'new' | null>(null);
  if (list.error != null) return <ErrorState error={list.error} onRetry={list.reload} />;
  const [bases, suppliers] = list.data ?? [[], []];
  const add = (
    <Button theme="solid" icon={<IconPlus />} onClick={() => setEditing('new')} data-testid="base-new">
      {t('supply.bases.add')}
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
        dataSource={bases}
        empty={<EmptyState title={t('supply.bases.empty')}>{add}</EmptyState>}
        columns={[
          {
            title: t('supply.bases.name'),
            dataIndex: 'name',
            render: (_: unknown, b: Base) => (
              <span className="cs-title-cell">
                {b.photo ? <img className="cs-thumb" src={b.photo.url} alt="" /> : <span className="cs-thumb" />}
                <span>{b.name}</span>
              </span>
            ),
          },
          { title: t('supply.bases.kind'), dataIndex: 'kind', render: (v: BaseKind) => t(`supply.kind.${v}`) },
          {
            title: t('supply.origin.region'),
            dataIndex: 'province',
            render: (_: unknown, b: Base) => `${b.province} ${b.city}`,
          },
          { title: t('supply.bases.supplier'), dataIndex: 'supplierName', render: (v: string | null) => v ?? '—' },
          {
            title: t('consoleUi.actions'),
            dataIndex: 'id',
            render: (_: unknown, b: Base) => (
              <span>
                <Button theme="borderless" onClick={() => setEditing(b)}>
                  {t('consoleUi.edit')}
                </Button>
                <Popconfirm
                  title={t('supply.bases.confirmDelete')}
                  content={b.name}
                  onConfirm={() => void run(b.id, () => supplyApi.deleteBase(b.id), t('supply.suppliers.deleted'))}
                >
                  <span className="supply-confirm-trigger">
                    <Button theme="borderless" type="danger" loading={busy === b.id}>
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
        <BaseModal
          shopId={shopId}
          base={editing === 'new' ? null : editing}
          suppliers={suppliers}
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

function BaseModal({
  shopId,
  base,
  suppliers,
  onClose,
  onSaved,
}: {
  shopId: string;
  base: Base | null;
  suppliers: Supplier[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(base?.name ?? '');
  const [kind, setKind] = useState<BaseKind>(base?.kind ?? 'farm');
  const [province, setProvince] = useState(base?.province ?? '');
  const [city, setCity] = useState(base?.city ?? '');
  const [description, setDescription] = useState(base?.description ?? '');
  const [supplierId, setSupplierId] = useState<string>(base?.supplierId ?? '');
  const [photos, setPhotos] = useState<SupplyPhoto[]>(base?.photo ? [base.photo] : []);
  const [busy, setBusy] = useState(false);
  const valid = name.trim() && province.trim() && city.trim();

  async function save() {
    setBusy(true);
    try {
      const body = {
        name: name.trim(),
        kind,
        province: province.trim(),
        city: city.trim(),
        description,
        supplierId: supplierId || null,
        photoId: photos[0]?.id ?? null,
      };
      await (base ? supplyApi.updateBase(base.id, body) : supplyApi.createBase(shopId, body));
      Toast.success(t('consoleUi.saved'));
      onSaved();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      visible
      closeOnEsc
      title={base ? t('supply.bases.edit') : t('supply.bases.add')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('consoleUi.save')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{ disabled: !valid, loading: busy, ...({ 'data-testid': 'base-save' } as object) }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <label className="cs-muted" htmlFor="base-name">
          {t('supply.bases.name')}
        </label>
        <Input id="base-name" value={name} onChange={setName} maxLength={40} />
        <label className="cs-muted" htmlFor="base-kind">
          {t('supply.bases.kind')}
        </label>
        <Select
          id="base-kind"
          style={{ width: '100%' }}
          value={kind}
          onChange={(v) => setKind(v as BaseKind)}
          optionList={BASE_KINDS.map((k) => ({ value: k, label: t(`supply.kind.${k}`) }))}
        />
        <div className="cs-form-row">
          <Field id="base-province" label={t('supply.bases.province')}>
            <Input id="base-province" value={province} onChange={setProvince} maxLength={20} placeholder="云南" />
          </Field>
          <Field id="base-city" label={t('supply.bases.city')}>
            <Input id="base-city" value={city} onChange={setCity} maxLength={20} placeholder="大理" />
          </Field>
        </div>
        <label className="cs-muted" htmlFor="base-supplier">
          {t('supply.bases.supplier')}
        </label>
        <Select
          id="base-supplier"
          style={{ width: '100%' }}
          value={supplierId}
          onChange={(v) => setSupplierId(String(v ?? ''))}
          optionList={[
            { value: '', label: t('supply.bases.noSupplier') },
            ...suppliers.map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <label className="cs-muted" htmlFor="base-desc">
          {t('supply.bases.description')}
        </label>
        <TextArea id="base-desc" value={description} onChange={setDescription} maxCount={500} rows={3} />
        <PhotoPicker shopId={shopId} photos={photos} onChange={setPhotos} max={1} label={t('supply.bases.photo')} />
      </Space>
    </Modal>
  );
}
