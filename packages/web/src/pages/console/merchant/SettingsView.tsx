import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, Card, Input, Space, TextArea, Toast, Typography } from '@douyinfe/semi-ui-19';
import { consoleApi, type ShopProfile } from '../api';
import { errorText, LoadView, StatusTag, useLoad, yuanToFen } from '../shell/common';

/** 设置: the shop profile (owner edits) and staff (owner adds by login). */
export function SettingsView({ shopId, role }: { shopId: string; role: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => consoleApi.shop(shopId), [shopId]);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.nav.settings')}
      </Typography.Title>
      {role !== 'owner' && <Banner type="info" closeIcon={null} description={t('consoleUi.settings.staffOnly')} />}
      <LoadView state={state}>
        {(shop) => <ProfileForm key={shop.id} shop={shop} canEdit={role === 'owner'} onSaved={state.reload} />}
      </LoadView>
      {role === 'owner' && <StaffCard shopId={shopId} />}
    </>
  );
}

const fenText = (fen: number | null) => (fen === null ? '' : (fen / 100).toFixed(2));

function ProfileForm({ shop, canEdit, onSaved }: { shop: ShopProfile; canEdit: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(shop.name);
  const [description, setDescription] = useState(shop.description);
  const [origin, setOrigin] = useState(shop.origin);
  const [fee, setFee] = useState(fenText(shop.shippingFeeFen));
  const [freeOver, setFreeOver] = useState(fenText(shop.freeShippingOverFen));
  const [busy, setBusy] = useState(false);
  const feeFen = yuanToFen(fee || '0');
  const freeFen = freeOver.trim() === '' ? null : yuanToFen(freeOver);
  const valid =
    name.trim().length >= 2 && feeFen !== null && feeFen <= 100_000 && (freeOver.trim() === '' || freeFen !== null);

  async function save() {
    setBusy(true);
    try {
      await consoleApi.updateShop(shop.id, {
        name: name.trim(),
        description,
        origin,
        shippingFeeFen: feeFen ?? 0,
        freeShippingOverFen: freeFen,
      });
      Toast.success(t('consoleUi.saved'));
      onSaved();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('consoleUi.settings.profile')} headerExtraContent={<StatusTag status={shop.status} />}>
      <Space vertical align="start" style={{ width: '100%' }}>
        <label className="cs-muted" htmlFor="s-name">
          {t('consoleUi.settings.name')}
        </label>
        <Input id="s-name" value={name} onChange={setName} maxLength={40} disabled={!canEdit} style={{ width: 420 }} />
        <label className="cs-muted" htmlFor="s-desc">
          {t('consoleUi.settings.description')}
        </label>
        <TextArea
          id="s-desc"
          value={description}
          onChange={setDescription}
          maxCount={500}
          rows={3}
          disabled={!canEdit}
          style={{ width: 420 }}
        />
        <label className="cs-muted" htmlFor="s-origin">
          {t('consoleUi.settings.origin')}
        </label>
        <Input
          id="s-origin"
          value={origin}
          onChange={setOrigin}
          maxLength={40}
          disabled={!canEdit}
          style={{ width: 420 }}
        />
        <div className="cs-form-row">
          <span>
            <label className="cs-muted" htmlFor="s-fee">
              {t('consoleUi.settings.shippingFee')}
            </label>
            <Input
              id="s-fee"
              prefix="¥"
              value={fee}
              onChange={setFee}
              disabled={!canEdit}
              style={{ width: 200 }}
              validateStatus={feeFen === null ? 'error' : 'default'}
            />
          </span>
          <span>
            <label className="cs-muted" htmlFor="s-free">
              {t('consoleUi.settings.freeOver')}
            </label>
            <Input
              id="s-free"
              prefix="¥"
              value={freeOver}
              onChange={setFreeOver}
              placeholder={t('consoleUi.settings.noFree')}
              disabled={!canEdit}
              style={{ width: 200 }}
            />
          </span>
        </div>
        {canEdit && (
          <Button theme="solid" disabled={!valid} loading={busy} onClick={() => void save()}>
            {t('consoleUi.save')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

function StaffCard({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string[]>([]);
  async function add() {
    setBusy(true);
    try {
      await consoleApi.addStaff(shopId, login.trim());
      setAdded((a) => [...a, login.trim()]);
      setLogin('');
      Toast.success(t('consoleUi.settings.staffAdded'));
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('consoleUi.settings.staff')}>
      <p className="cs-muted">{t('consoleUi.settings.staffHint')}</p>
      <div className="cs-form-row">
        <Input
          aria-label={t('consoleUi.settings.staffLogin')}
          placeholder={t('consoleUi.settings.staffLogin')}
          value={login}
          onChange={setLogin}
          maxLength={32}
          style={{ width: 260 }}
          onEnterPress={() => login.trim().length >= 3 && void add()}
        />
        <Button disabled={login.trim().length < 3} loading={busy} onClick={() => void add()}>
          {t('consoleUi.settings.addStaff')}
        </Button>
      </div>
      {added.length > 0 && (
        <p>
          {t('consoleUi.settings.addedNow')}: {added.join('、')}
        </p>
      )}
    </Card>
  );
}
