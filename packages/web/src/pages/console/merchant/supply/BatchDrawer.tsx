import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Descriptions,
  Input,
  Radio,
  RadioGroup,
  SideSheet,
  Space,
  Tag,
  TextArea,
  Timeline,
  Toast,
  Typography,
} from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../../lib/format';
import { supplyApi, type BatchDetail, type QcResult, type SupplyPhoto } from '../../../../api/supply';
import { shanghaiDay, shanghaiDayStart } from '../../../shop/origin-dates';
import { errorText, LoadView, useLoad } from '../../shell/common';
import { Field } from './Field';
import { PhotoPicker } from './PhotoPicker';

/** One batch: where it came from, stock and shipping figures, its quality checks with photos, and a form for a new check. */
export function BatchDrawer({
  shopId,
  batchId,
  onClose,
  onChanged,
}: {
  shopId: string;
  batchId: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const state = useLoad(() => supplyApi.batch(batchId), [batchId]);
  return (
    <SideSheet visible closeOnEsc title={t('supply.detail')} onCancel={onClose} width={600} data-testid="batch-drawer">
      <LoadView state={state} rows={10}>
        {(b) => (
          <div className="cs-section-gap">
            <Facts b={b} />
            <Typography.Title heading={6}>{t('supply.qcForm.title')}</Typography.Title>
            <QcList b={b} />
            <QcForm
              shopId={shopId}
              batchId={b.id}
              onSaved={() => {
                state.reload();
                onChanged();
              }}
            />
          </div>
        )}
      </LoadView>
    </SideSheet>
  );
}

function Facts({ b }: { b: BatchDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Descriptions
      size="small"
      data={[
        { key: t('supply.batches.code'), value: b.code },
        { key: t('supply.batches.product'), value: `${b.productTitle} · ${b.specValues.join(' / ')}` },
        { key: t('supply.batches.supplier'), value: b.supplierName },
        { key: t('supply.batches.base'), value: b.baseName ?? '—' },
        { key: t('supply.batches.harvestedAt'), value: shanghaiDay(b.harvestedAt) },
        { key: t('supply.batches.bestBefore'), value: b.bestBefore === null ? '—' : shanghaiDay(b.bestBefore) },
        {
          key: t('consoleUi.statusCol'),
          value: (
            <Tag color={b.status === 'received' ? 'green' : 'orange'} size="small">
              {t(`supply.status.${b.status}`)}
            </Tag>
          ),
        },
        {
          key: t('supply.batches.receivedAt'),
          value: b.receivedAt === null ? '—' : formatDateTime(b.receivedAt, i18n.language),
        },
        {
          key: `${t('supply.batches.remaining')} / ${t('supply.batches.quantity')}`,
          value: `${b.status === 'received' ? b.remaining : '—'} / ${b.quantity}`,
        },
        {
          key: t('supply.batches.shippedTitle'),
          value: t('supply.batches.shipped', { units: b.shipped.units, lines: b.shipped.lines }),
        },
        ...(b.note ? [{ key: t('supply.batches.note'), value: b.note }] : []),
      ]}
    />
  );
}

function QcList({ b }: { b: BatchDetail }) {
  const { t } = useTranslation();
  if (b.qcRecords.length === 0) return <p className="cs-muted">{t('supply.qcForm.none')}</p>;
  return (
    <Timeline>
      {b.qcRecords.map((q) => (
        <Timeline.Item key={q.id} time={shanghaiDay(q.checkedAt)} type={q.result === 'pass' ? 'success' : 'error'}>
          <Tag color={q.result === 'pass' ? 'green' : 'red'} size="small">
            {t(`supply.qc.${q.result}`)}
          </Tag>{' '}
          {q.inspector}
          {q.notes && <div className="cs-muted">{q.notes}</div>}
          {q.photos.length > 0 && (
            <div style={{ display: 'flex', gap: 6, marginTop: 4 }}>
              {q.photos.map((p) => (
                <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
                  <img src={p.url} alt="" style={{ width: 56, height: 56, objectFit: 'cover', borderRadius: 4 }} />
                </a>
              ))}
            </div>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function QcForm({ shopId, batchId, onSaved }: { shopId: string; batchId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const today = shanghaiDay(Date.now());
  const [result, setResult] = useState<QcResult>('pass');
  const [inspector, setInspector] = useState('');
  const [notes, setNotes] = useState('');
  const [day, setDay] = useState(today);
  const [photos, setPhotos] = useState<SupplyPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const start = shanghaiDayStart(day);
  // Today's check is stamped now; an earlier day at its start (never in the future).
  const checkedAt = day === today ? undefined : start;
  const valid =
    inspector.trim().length > 0 && start !== null && day <= today && (result === 'pass' || notes.trim().length > 0);

  async function save() {
    setBusy(true);
    try {
      await supplyApi.addQc(batchId, {
        result,
        inspector: inspector.trim(),
        notes,
        ...(checkedAt ? { checkedAt } : {}),
        photoIds: photos.map((p) => p.id),
      });
      Toast.success(t('supply.qcForm.saved'));
      setInspector('');
      setNotes('');
      setPhotos([]);
      onSaved();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space vertical align="start" style={{ width: '100%' }} data-testid="qc-form">
      <Typography.Title heading={6}>{t('supply.qcForm.add')}</Typography.Title>
      <RadioGroup
        type="button"
        value={result}
        onChange={(e) => setResult(e.target.value as QcResult)}
        aria-label={t('supply.qcForm.result')}
      >
        <Radio value="pass">{t('supply.qc.pass')}</Radio>
        <Radio value="fail">{t('supply.qc.fail')}</Radio>
      </RadioGroup>
      <div className="cs-form-row">
        <Field id="qc-inspector" label={t('supply.qcForm.inspector')}>
          <Input id="qc-inspector" value={inspector} onChange={setInspector} maxLength={20} />
        </Field>
        <Field id="qc-day" label={t('supply.qcForm.checkedAt')}>
          <Input
            id="qc-day"
            type="date"
            value={day}
            max={today}
            onChange={setDay}
            validateStatus={day > today || start === null ? 'error' : 'default'}
          />
        </Field>
      </div>
      <label className="cs-muted" htmlFor="qc-notes">
        {t('supply.qcForm.notes')}
      </label>
      <TextArea
        id="qc-notes"
        value={notes}
        onChange={setNotes}
        maxCount={500}
        rows={2}
        placeholder={result === 'fail' ? t('supply.qcForm.failNeedsNotes') : ''}
      />
      <PhotoPicker shopId={shopId} photos={photos} onChange={setPhotos} max={6} label={t('supply.qcForm.photos')} />
      <Button theme="solid" disabled={!valid} loading={busy} onClick={() => void save()} data-testid="qc-save">
        {t('supply.qcForm.add')}
      </Button>
    </Space>
  );
}
