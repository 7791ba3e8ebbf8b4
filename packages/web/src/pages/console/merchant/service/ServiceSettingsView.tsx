import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, InputNumber, List, TextArea, Toast, Typography } from '@douyinfe/semi-ui-19';
import { serviceApi, type ServiceSettings, type Snippet } from '../../../../api/service';
import { errorText, LoadView, useLoad } from '../../shell/common';

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutes = (s: string): number | null => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[1]) < 24 && Number(m[2]) < 60 ? v : null;
};

/** 客服设置: the cap per person, service hours and the away reply; quick replies; keyword automatic replies. */
export function ServiceSettingsView({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const settings = useLoad(() => serviceApi.settings(shopId), [shopId]);
  const snippets = useLoad(() => serviceApi.snippets(shopId), [shopId]);
  return (
    <>
      <LoadView state={settings} rows={4}>
        {(s) => <SettingsForm shopId={shopId} initial={s} />}
      </LoadView>
      <LoadView state={snippets} rows={4}>
        {({ items }) => (
          <>
            <SnippetList
              shopId={shopId}
              kind="quick"
              items={items.filter((i) => i.kind === 'quick')}
              onChange={snippets.reload}
              title={t('serviceDesk.settings.quickTitle')}
            />
            <SnippetList
              shopId={shopId}
              kind="faq"
              items={items.filter((i) => i.kind === 'faq')}
              onChange={snippets.reload}
              title={t('serviceDesk.settings.faqTitle')}
            />
          </>
        )}
      </LoadView>
    </>
  );
}

function SettingsForm({ shopId, initial }: { shopId: string; initial: ServiceSettings }) {
  const { t } = useTranslation();
  const [maxOpen, setMaxOpen] = useState(initial.maxOpen);
  const [from, setFrom] = useState(hhmm(initial.hoursFrom));
  const [to, setTo] = useState(hhmm(initial.hoursTo));
  const [away, setAway] = useState(initial.awayText);
  const [busy, setBusy] = useState(false);
  async function save() {
    const f = minutes(from);
    const tt = minutes(to);
    if (f === null || tt === null) return Toast.error(t('errors.VALIDATION_FAILED'));
    setBusy(true);
    try {
      await serviceApi.saveSettings(shopId, { maxOpen, hoursFrom: f, hoursTo: tt, awayText: away });
      Toast.success(t('serviceDesk.settings.saved'));
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div style={{ display: 'grid', gap: 10, maxWidth: 560 }} data-testid="service-settings">
      <label>
        {t('serviceDesk.settings.maxOpen')}
        <InputNumber min={1} max={200} value={maxOpen} onChange={(v) => setMaxOpen(Number(v) || 1)} />
      </label>
      <div>
        {t('serviceDesk.settings.hours')}
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <Input value={from} onChange={setFrom} style={{ width: 100 }} aria-label={t('serviceDesk.settings.from')} /> –{' '}
          <Input value={to} onChange={setTo} style={{ width: 100 }} aria-label={t('serviceDesk.settings.to')} />
        </div>
        <small className="cs-muted">{t('serviceDesk.settings.allDay')}</small>
      </div>
      <label>
        {t('serviceDesk.settings.awayText')}
        <TextArea value={away} onChange={setAway} maxCount={500} rows={2} />
      </label>
      <Button theme="solid" loading={busy} onClick={() => void save()} style={{ justifySelf: 'start' }}>
        {t('serviceDesk.settings.save')}
      </Button>
    </div>
  );
}

function SnippetList({
  shopId,
  kind,
  items,
  onChange,
  title,
}: {
  shopId: string;
  kind: 'quick' | 'faq';
  items: Snippet[];
  onChange(): void;
  title: string;
}) {
  const { t } = useTranslation();
  const [keyword, setKeyword] = useState('');
  const [text, setText] = useState('');
  useEffect(() => setText(''), [items.length]);
  async function add() {
    try {
      await serviceApi.addSnippet(shopId, { kind, text, ...(kind === 'faq' ? { keyword } : {}) });
      setKeyword('');
      onChange();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }
  async function remove(id: string) {
    try {
      await serviceApi.removeSnippet(shopId, id);
      onChange();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }
  return (
    <div style={{ marginTop: 20, maxWidth: 720 }} data-testid={`service-snippets-${kind}`}>
      <Typography.Title heading={6}>{title}</Typography.Title>
      <List
        size="small"
        dataSource={items}
        emptyContent={t('serviceDesk.none')}
        renderItem={(s: Snippet) => (
          <List.Item
            extra={
              <Button size="small" type="danger" onClick={() => void remove(s.id)}>
                {t('serviceDesk.settings.remove')}
              </Button>
            }
          >
            {s.keyword ? <b>{s.keyword} → </b> : null}
            {s.text}
          </List.Item>
        )}
      />
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        {kind === 'faq' && (
          <Input
            value={keyword}
            onChange={setKeyword}
            placeholder={t('serviceDesk.settings.keyword')}
            style={{ width: 140 }}
            maxLength={30}
          />
        )}
        <Input value={text} onChange={setText} placeholder={t('serviceDesk.settings.text')} maxLength={500} />
        <Button onClick={() => void add()} disabled={!text.trim() || (kind === 'faq' && !keyword.trim())}>
          {t('serviceDesk.settings.add')}
        </Button>
      </div>
    </div>
  );
}
