import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  Button,
  Card,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  RadioGroup,
  Space,
  Table,
  TagInput,
  TextArea,
  Toast,
  TreeSelect,
  Typography,
} from '@douyinfe/semi-ui-19';
import { IconPlus, IconDelete, IconUpload } from '@douyinfe/semi-icons';
import { formatFen } from '../../../lib/money';
import { consoleApi, uploadProductImage, type Category, type ProductFull, type SkuRow } from '../api';
import { errorText, LoadView, StatusTag, useLoad, warningText, yuanToFen } from '../shell/common';
import { combinations, comboKey, type SpecDraft } from './sku-grid';

interface TreeNode {
  label: string;
  value: string;
  key: string;
  disabled?: boolean;
  children?: TreeNode[];
}
function toTree(cats: Category[]): TreeNode[] {
  return cats.map((c) => ({
    label: c.name,
    value: c.id,
    key: c.id,
    disabled: c.children.length > 0,
    children: c.children.length ? toTree(c.children) : undefined,
  }));
}

/** Create a product (spec options → SKU table) or edit one (details, prices, stock, images, status). */
export function ProductEditor({ shopId, productId: given }: { shopId: string; productId?: string | null }) {
  const params = useParams();
  const productId = given === null ? null : (params.productId ?? null);
  const cats = useLoad(() => consoleApi.categories(), []);
  const product = useLoad(() => (productId ? consoleApi.product(productId) : Promise.resolve(null)), [productId]);
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {productId ? t('consoleUi.products.edit') : t('consoleUi.products.new')}
      </Typography.Title>
      <LoadView state={cats} rows={6}>
        {(categories) =>
          productId ? (
            <LoadView state={product}>
              {(p) => (p ? <EditProduct p={p} categories={categories} reload={product.reload} /> : null)}
            </LoadView>
          ) : (
            <NewProduct shopId={shopId} categories={categories} />
          )
        }
      </LoadView>
    </>
  );
}

function NewProduct({ shopId, categories }: { shopId: string; categories: Category[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [categoryId, setCategoryId] = useState<string>('');
  const [specs, setSpecs] = useState<SpecDraft[]>([]);
  const [prices, setPrices] = useState<Record<string, { price: string; stock: number }>>({});
  const [status, setStatus] = useState<'draft' | 'listed'>('listed');
  const [saving, setSaving] = useState(false);
  const combos = useMemo(() => combinations(specs), [specs]);

  async function save() {
    const skus = combos.map((values) => {
      const row = prices[comboKey(values)];
      return { specValues: values, priceFen: yuanToFen(row?.price) ?? 0, stock: row?.stock ?? 0 };
    });
    if (!categoryId) return Toast.warning(t('consoleUi.products.needCategory'));
    if (title.trim().length < 2) return Toast.warning(t('consoleUi.products.needTitle'));
    if (skus.some((s) => s.priceFen < 1)) return Toast.warning(t('consoleUi.products.needPrice'));
    setSaving(true);
    try {
      const made = await consoleApi.createProduct(shopId, {
        categoryId,
        title: title.trim(),
        description,
        specOptions: specs.filter((s) => s.name.trim() && s.values.length),
        skus,
        status,
      });
      const warned = warningText(made, t);
      if (warned) Toast.warning(warned);
      else Toast.success(t('consoleUi.saved'));
      navigate(`/merchant/products/${made.id}`, { replace: true });
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="cs-section-gap">
      <Card title={t('consoleUi.products.basics')}>
        <Space vertical align="start" style={{ width: '100%' }}>
          <span className="cs-muted">{t('consoleUi.products.category')}</span>
          <TreeSelect
            aria-label={t('consoleUi.products.category')}
            style={{ width: 320 }}
            treeData={toTree(categories)}
            value={categoryId}
            onChange={(v) => setCategoryId(String(v))}
            placeholder={t('consoleUi.products.pickLeaf')}
          />
          <label className="cs-muted" htmlFor="p-title">
            {t('consoleUi.products.titleLabel')}
          </label>
          <Input id="p-title" value={title} onChange={setTitle} maxLength={60} showClear style={{ width: 480 }} />
          <label className="cs-muted" htmlFor="p-desc">
            {t('consoleUi.products.description')}
          </label>
          <TextArea
            id="p-desc"
            value={description}
            onChange={setDescription}
            maxCount={5000}
            rows={3}
            style={{ width: 480 }}
          />
        </Space>
      </Card>
      <Card
        title={t('consoleUi.products.specs')}
        headerExtraContent={
          specs.length < 3 && (
            <Button icon={<IconPlus />} onClick={() => setSpecs([...specs, { name: '', values: [] }])}>
              {t('consoleUi.products.addSpec')}
            </Button>
          )
        }
      >
        {specs.length === 0 && <p className="cs-muted">{t('consoleUi.products.noSpecs')}</p>}
        {specs.map((s, i) => (
          <div className="cs-spec-row" key={i}>
            <Input
              aria-label={t('consoleUi.products.specName')}
              placeholder={t('consoleUi.products.specName')}
              value={s.name}
              maxLength={20}
              onChange={(v) => setSpecs(specs.map((x, j) => (j === i ? { ...x, name: v } : x)))}
            />
            <TagInput
              aria-label={t('consoleUi.products.specValues')}
              placeholder={t('consoleUi.products.specValuesHint')}
              value={s.values}
              onChange={(v) =>
                setSpecs(
                  specs.map((x, j) => (j === i ? { ...x, values: [...new Set(v.map(String))].slice(0, 30) } : x)),
                )
              }
            />
            <Button
              theme="borderless"
              type="danger"
              icon={<IconDelete />}
              aria-label={t('consoleUi.remove')}
              onClick={() => setSpecs(specs.filter((_, j) => j !== i))}
            />
          </div>
        ))}
        <Table
          size="small"
          pagination={false}
          rowKey={(r?: { key: string }) => r?.key ?? ''}
          dataSource={combos.map((values) => ({ key: comboKey(values), values }))}
          columns={[
            {
              title: t('consoleUi.products.sku'),
              dataIndex: 'key',
              render: (v: string) => v || t('consoleUi.products.single'),
            },
            {
              title: t('consoleUi.products.priceYuan'),
              dataIndex: 'key',
              render: (k: string) => (
                <Input
                  aria-label={t('consoleUi.products.priceYuan')}
                  prefix="¥"
                  style={{ width: 140 }}
                  value={prices[k]?.price ?? ''}
                  onChange={(v) => setPrices({ ...prices, [k]: { stock: prices[k]?.stock ?? 0, price: v } })}
                />
              ),
            },
            {
              title: t('consoleUi.products.stock'),
              dataIndex: 'key',
              render: (k: string) => (
                <InputNumber
                  aria-label={t('consoleUi.products.stock')}
                  min={0}
                  max={10_000_000}
                  style={{ width: 120 }}
                  value={prices[k]?.stock ?? 0}
                  onChange={(v) =>
                    setPrices({ ...prices, [k]: { price: prices[k]?.price ?? '', stock: Number(v) || 0 } })
                  }
                />
              ),
            },
          ]}
        />
      </Card>
      <div className="cs-toolbar">
        <RadioGroup value={status} onChange={(e) => setStatus(e.target.value as 'draft' | 'listed')}>
          <Radio value="listed">{t('consoleUi.products.listNow')}</Radio>
          <Radio value="draft">{t('consoleUi.products.saveDraft')}</Radio>
        </RadioGroup>
        <Button theme="solid" loading={saving} onClick={() => void save()} data-testid="product-save">
          {t('consoleUi.save')}
        </Button>
        <Button onClick={() => navigate('/merchant/products')}>{t('consoleUi.cancel')}</Button>
      </div>
    </div>
  );
}

function EditProduct({ p, categories, reload }: { p: ProductFull; categories: Category[]; reload: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(p.title);
  const [description, setDescription] = useState(p.description);
  const [categoryId, setCategoryId] = useState(p.categoryId);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);

  async function run(action: () => Promise<unknown>, done = t('consoleUi.saved')) {
    try {
      const warned = warningText(await action(), t);
      if (warned) Toast.warning(warned);
      else Toast.success(done);
      reload();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }

  return (
    <div className="cs-section-gap">
      <Card title={t('consoleUi.products.basics')} headerExtraContent={<StatusTag status={p.status} />}>
        <Space vertical align="start" style={{ width: '100%' }}>
          <span className="cs-muted">{t('consoleUi.products.category')}</span>
          <TreeSelect
            aria-label={t('consoleUi.products.category')}
            style={{ width: 320 }}
            treeData={toTree(categories)}
            value={categoryId}
            onChange={(v) => setCategoryId(String(v))}
          />
          <label className="cs-muted" htmlFor="e-title">
            {t('consoleUi.products.titleLabel')}
          </label>
          <Input id="e-title" value={title} onChange={setTitle} maxLength={60} style={{ width: 480 }} />
          <label className="cs-muted" htmlFor="e-desc">
            {t('consoleUi.products.description')}
          </label>
          <TextArea
            id="e-desc"
            value={description}
            onChange={setDescription}
            maxCount={5000}
            rows={3}
            style={{ width: 480 }}
          />
          <Space>
            <Button
              theme="solid"
              loading={saving}
              onClick={() => {
                setSaving(true);
                void run(() =>
                  consoleApi.updateProduct(p.id, { title: title.trim(), description, categoryId }),
                ).finally(() => setSaving(false));
              }}
            >
              {t('consoleUi.save')}
            </Button>
            {p.status === 'listed' ? (
              <Popconfirm
                title={t('consoleUi.products.confirmDelist')}
                content={p.title}
                onConfirm={() =>
                  void run(() => consoleApi.setProductStatus(p.id, 'delisted'), t('consoleUi.products.delisted'))
                }
              >
                <span>
                  <Button type="danger">{t('consoleUi.products.delist')}</Button>
                </span>
              </Popconfirm>
            ) : (
              <Button
                onClick={() =>
                  void run(() => consoleApi.setProductStatus(p.id, 'listed'), t('consoleUi.products.listed'))
                }
              >
                {t('consoleUi.products.list')}
              </Button>
            )}
          </Space>
        </Space>
      </Card>
      <Card title={t('consoleUi.products.images')}>
        <div className="cs-images">
          {p.images.map((src) => (
            <img key={src} src={src} alt={p.title} />
          ))}
          {p.images.length === 0 && <span className="cs-muted">{t('consoleUi.products.noImages')}</span>}
        </div>
        <label
          className="semi-button semi-button-tertiary semi-button-light"
          style={{
            marginTop: 12,
            display: 'inline-flex',
            gap: 6,
            alignItems: 'center',
            cursor: 'pointer',
            padding: '6px 12px',
          }}
        >
          <IconUpload /> {uploading ? t('consoleUi.uploading') : t('consoleUi.products.uploadImage')}
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            className="visually-hidden"
            style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
            disabled={uploading}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              setUploading(true);
              void run(() => uploadProductImage(p.id, file), t('consoleUi.products.imageAdded')).finally(() =>
                setUploading(false),
              );
            }}
          />
        </label>
      </Card>
      <Card title={t('consoleUi.products.skus')}>
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={p.skus}
          columns={[
            {
              title: t('consoleUi.products.sku'),
              dataIndex: 'specValues',
              render: (v: string[]) => v.join(' / ') || t('consoleUi.products.single'),
            },
            {
              title: t('consoleUi.products.price'),
              dataIndex: 'priceFen',
              render: (_: unknown, s: SkuRow) => (
                <PriceCell sku={s} onSave={(fen) => run(() => consoleApi.setSkuPrice(s.id, fen))} />
              ),
            },
            { title: t('consoleUi.products.stock'), dataIndex: 'stock', align: 'right' },
            {
              title: t('consoleUi.products.adjustStock'),
              dataIndex: 'id',
              render: (_: unknown, s: SkuRow) => (
                <StockCell sku={s} onSave={(delta) => run(() => consoleApi.adjustStock(s.id, delta))} />
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}

function PriceCell({ sku, onSave }: { sku: SkuRow; onSave: (fen: number) => Promise<void> }) {
  const { t } = useTranslation();
  const [value, setValue] = useState((sku.priceFen / 100).toFixed(2));
  const fen = yuanToFen(value);
  return (
    <Space>
      <Input
        aria-label={t('consoleUi.products.priceYuan')}
        prefix="¥"
        value={value}
        onChange={setValue}
        style={{ width: 120 }}
        validateStatus={fen && fen > 0 ? 'default' : 'error'}
      />
      <Button size="small" disabled={!fen || fen === sku.priceFen} onClick={() => fen && void onSave(fen)}>
        {t('consoleUi.save')}
      </Button>
      {fen !== null && fen !== sku.priceFen && (
        <span className="cs-muted">
          {formatFen(sku.priceFen)} → {formatFen(fen)}
        </span>
      )}
    </Space>
  );
}

function StockCell({ sku, onSave }: { sku: SkuRow; onSave: (delta: number) => Promise<void> }) {
  const { t } = useTranslation();
  const [delta, setDelta] = useState<number>(0);
  return (
    <Space>
      <InputNumber
        aria-label={t('consoleUi.products.delta')}
        value={delta}
        onChange={(v) => setDelta(Number(v) || 0)}
        min={-sku.stock}
        max={10_000_000}
        style={{ width: 120 }}
        formatter={(v) => (Number(v) > 0 ? `+${v}` : String(v))}
        parser={(v) => v.replace('+', '')}
      />
      <Popconfirm
        title={t('consoleUi.products.confirmStock', {
          delta: delta > 0 ? `+${delta}` : delta,
          stock: sku.stock + delta,
        })}
        onConfirm={() => void onSave(delta).then(() => setDelta(0))}
        disabled={delta === 0}
      >
        <span>
          <Button size="small" disabled={delta === 0}>
            {t('consoleUi.apply')}
          </Button>
        </span>
      </Popconfirm>
    </Space>
  );
}
