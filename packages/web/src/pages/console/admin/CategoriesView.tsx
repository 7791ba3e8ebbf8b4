import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, InputNumber, Modal, Space, Switch, Table, Tag, Toast, Typography } from '@douyinfe/semi-ui-19';
import { IconPlus } from '@douyinfe/semi-icons';
import { consoleApi, type Category } from '../api';
import { EmptyState, errorText, LoadView, useLoad } from '../shell/common';

type Editing = { mode: 'create'; parent: Category | null } | { mode: 'edit'; category: Category };

/** 类目与规则: the category tree with each rule profile (ship-by hours, perishable, fee rate); create and edit. */
export function CategoriesView() {
  const { t } = useTranslation();
  const state = useLoad(() => consoleApi.categories(), []);
  const [editing, setEditing] = useState<Editing | null>(null);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.nav.categories')}
      </Typography.Title>
      <div className="cs-toolbar">
        <span className="cs-grow" />
        <Button theme="solid" icon={<IconPlus />} onClick={() => setEditing({ mode: 'create', parent: null })}>
          {t('consoleUi.admin.newRoot')}
        </Button>
      </div>
      <LoadView state={state}>
        {(tree) =>
          tree.length === 0 ? (
            <EmptyState title={t('consoleUi.admin.noCategories')} />
          ) : (
            <Table
              rowKey="id"
              pagination={false}
              defaultExpandAllRows
              dataSource={tree}
              childrenRecordName="children"
              columns={[
                { title: t('consoleUi.admin.category'), dataIndex: 'name' },
                {
                  title: t('consoleUi.admin.shipBy'),
                  dataIndex: 'shipByHours',
                  render: (h: number) => t('consoleUi.admin.hours', { count: h }),
                },
                {
                  title: t('consoleUi.admin.perishable'),
                  dataIndex: 'perishable',
                  render: (p: boolean) =>
                    p ? (
                      <Tag color="cyan">{t('consoleUi.yes')}</Tag>
                    ) : (
                      <span className="cs-muted">{t('consoleUi.no')}</span>
                    ),
                },
                {
                  title: t('consoleUi.admin.feeRate'),
                  dataIndex: 'feeRateBp',
                  render: (bp: number) => `${(bp / 100).toFixed(2)}%`,
                },
                {
                  title: t('consoleUi.actions'),
                  dataIndex: 'id',
                  render: (_: unknown, c: Category) => (
                    <span>
                      <Button theme="borderless" size="small" onClick={() => setEditing({ mode: 'edit', category: c })}>
                        {t('consoleUi.edit')}
                      </Button>
                      <Button theme="borderless" size="small" onClick={() => setEditing({ mode: 'create', parent: c })}>
                        {t('consoleUi.admin.addChild')}
                      </Button>
                    </span>
                  ),
                },
              ]}
            />
          )
        }
      </LoadView>
      {editing && (
        <CategoryModal
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            state.reload();
          }}
        />
      )}
    </>
  );
}

function CategoryModal({ editing, onClose, onSaved }: { editing: Editing; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const base = editing.mode === 'edit' ? editing.category : editing.parent;
  const [name, setName] = useState(editing.mode === 'edit' ? editing.category.name : '');
  const [shipByHours, setShipBy] = useState(base?.shipByHours ?? 48);
  const [perishable, setPerishable] = useState(base?.perishable ?? false);
  const [feePercent, setFee] = useState((base?.feeRateBp ?? 500) / 100);
  const [busy, setBusy] = useState(false);
  const feeRateBp = Math.round(feePercent * 100);
  const valid =
    name.trim().length >= 1 && shipByHours >= 1 && shipByHours <= 2160 && feeRateBp >= 0 && feeRateBp <= 10_000;

  async function save() {
    setBusy(true);
    try {
      const rules = { shipByHours, perishable, feeRateBp };
      if (editing.mode === 'edit')
        await consoleApi.updateCategory(editing.category.id, { name: name.trim(), ...rules });
      else await consoleApi.createCategory({ parentId: editing.parent?.id ?? null, name: name.trim(), ...rules });
      Toast.success(t('consoleUi.saved'));
      onSaved();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  const title =
    editing.mode === 'edit'
      ? t('consoleUi.admin.editCategory')
      : editing.parent
        ? t('consoleUi.admin.newChildOf', { name: editing.parent.name })
        : t('consoleUi.admin.newRoot');
  return (
    <Modal
      visible
      closeOnEsc
      title={title}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('consoleUi.save')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={{ disabled: !valid, loading: busy }}
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <label className="cs-muted" htmlFor="c-name">
          {t('consoleUi.admin.category')}
        </label>
        <Input id="c-name" value={name} onChange={setName} maxLength={30} />
        <label className="cs-muted" htmlFor="c-ship">
          {t('consoleUi.admin.shipBy')}
        </label>
        <InputNumber
          id="c-ship"
          value={shipByHours}
          min={1}
          max={2160}
          onChange={(v) => setShipBy(Number(v) || 0)}
          suffix={t('consoleUi.admin.hourUnit')}
        />
        <label className="cs-muted" htmlFor="c-fee">
          {t('consoleUi.admin.feeRate')}
        </label>
        <InputNumber
          id="c-fee"
          value={feePercent}
          min={0}
          max={100}
          step={0.1}
          precision={2}
          onChange={(v) => setFee(Number(v) || 0)}
          suffix="%"
        />
        <Space>
          <Switch checked={perishable} onChange={setPerishable} aria-label={t('consoleUi.admin.perishable')} />
          <span>{t('consoleUi.admin.perishable')}</span>
        </Space>
      </Space>
    </Modal>
  );
}
