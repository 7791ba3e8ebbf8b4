import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Card,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  TextArea,
  Toast,
  Typography,
} from '@douyinfe/semi-ui-19';
import { errorText, EmptyState, LoadView, useLoad } from '../shell/common';
import { StatusTags, useWhen, ViolationTimeline } from './parts';
import { pts, violationsApi, type CatalogueEntry, type QueueItem } from './violations-api';

/** 平台管理 · 违规与申诉: the appeals queue with decisions, the rule catalogue, recording a violation by hand. */
export function AdminViolationsView() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('violations.admin.title')}
      </Typography.Title>
      <Tabs type="line" lazyRender>
        <Tabs.TabPane tab={t('violations.admin.appeals')} itemKey="appeals">
          <AppealsTab status="pending" />
        </Tabs.TabPane>
        <Tabs.TabPane tab={t('violations.admin.decided')} itemKey="decided">
          <AppealsTab status="decided" />
        </Tabs.TabPane>
        <Tabs.TabPane tab={t('violations.admin.catalogue')} itemKey="catalogue">
          <CatalogueTab />
        </Tabs.TabPane>
        <Tabs.TabPane tab={t('violations.admin.record')} itemKey="record">
          <RecordTab />
        </Tabs.TabPane>
      </Tabs>
    </>
  );
}

function AppealsTab({ status }: { status: 'pending' | 'decided' }) {
  const { t } = useTranslation();
  const when = useWhen();
  const state = useLoad(async () => {
    if (status === 'pending') return violationsApi.appeals('pending');
    const [granted, rejected] = await Promise.all([
      violationsApi.appeals('granted'),
      violationsApi.appeals('rejected'),
    ]);
    return { items: [...granted.items, ...rejected.items].sort((a, b) => (b.decidedAt ?? 0) - (a.decidedAt ?? 0)) };
  }, [status]);
  const [deciding, setDeciding] = useState<QueueItem | null>(null);
  return (
    <LoadView state={state}>
      {({ items }) =>
        items.length === 0 ? (
          <EmptyState title={t(status === 'pending' ? 'violations.admin.noAppeals' : 'violations.admin.noDecided')} />
        ) : (
          <>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={items}
              data-testid={`appeals-${status}`}
              columns={[
                { title: t('violations.admin.filedAt'), dataIndex: 'createdAt', render: (ms: number) => when(ms) },
                {
                  title: t('violations.admin.subject'),
                  dataIndex: 'violation',
                  render: (_: unknown, a: QueueItem) => (
                    <span>
                      {t(`violations.admin.subjectKinds.${a.violation.subjectKind}`)}{' '}
                      <span className="cs-mono" data-user-content>
                        {a.violation.subjectId}
                      </span>
                    </span>
                  ),
                },
                {
                  title: t('violations.rule'),
                  dataIndex: 'violationId',
                  render: (_: string, a: QueueItem) =>
                    `${t(`violations.rules.${a.violation.rule}`)} · ${t('violations.points', { points: pts(a.violation.milliPoints) })}`,
                },
                {
                  title: t('violations.admin.appealText'),
                  dataIndex: 'text',
                  render: (x: string, a: QueueItem) => (
                    <span data-user-content>
                      {x}{' '}
                      {a.evidence.map((e) => (
                        <a key={e.id} href={e.url} target="_blank" rel="noreferrer">
                          <img
                            src={e.url}
                            alt=""
                            style={{
                              width: 32,
                              height: 32,
                              objectFit: 'cover',
                              verticalAlign: 'middle',
                              marginLeft: 4,
                            }}
                          />
                        </a>
                      ))}
                    </span>
                  ),
                },
                {
                  title: t('violations.statusCol'),
                  dataIndex: 'status',
                  render: (_: string, a: QueueItem) => <StatusTags v={a.violation} />,
                },
                {
                  title: '',
                  dataIndex: 'id',
                  render: (_: string, a: QueueItem) =>
                    a.status === 'pending' ? (
                      <Button
                        size="small"
                        theme="solid"
                        data-testid={`decide-${a.violationId}`}
                        onClick={() => setDeciding(a)}
                      >
                        {t('violations.admin.decide')}
                      </Button>
                    ) : (
                      <span data-user-content>{a.decisionReason}</span>
                    ),
                },
              ]}
            />
            {deciding && (
              <DecideModal
                item={deciding}
                onClose={() => setDeciding(null)}
                onDone={() => {
                  setDeciding(null);
                  state.reload();
                }}
              />
            )}
          </>
        )
      }
    </LoadView>
  );
}

function DecideModal({ item, onClose, onDone }: { item: QueueItem; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  async function decide(grant: boolean) {
    setBusy(true);
    try {
      await violationsApi.decide(item.id, { grant, reason: reason.trim() });
      Toast.success(t('consoleUi.saved'));
      onDone();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  const empty = reason.trim().length === 0;
  return (
    <Modal
      title={t('violations.admin.decideTitle')}
      visible
      onCancel={onClose}
      width={600}
      footer={
        <Space>
          <Button onClick={() => void decide(false)} disabled={empty} loading={busy} data-testid="appeal-reject">
            {t('violations.admin.reject')}
          </Button>
          <Button
            theme="solid"
            type="primary"
            onClick={() => void decide(true)}
            disabled={empty}
            loading={busy}
            data-testid="appeal-grant"
          >
            {t('violations.admin.grant')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph data-user-content>{item.text}</Typography.Paragraph>
      <ViolationTimeline entries={item.violation.timeline} />
      <Typography.Text strong>{t('violations.admin.reason')}</Typography.Text>
      <TextArea
        value={reason}
        onChange={setReason}
        maxLength={500}
        rows={3}
        placeholder={t('violations.admin.reasonPlaceholder')}
        data-testid="decision-reason"
        style={{ marginTop: 8 }}
      />
    </Modal>
  );
}

function CatalogueTab() {
  const { t } = useTranslation();
  const state = useLoad(() => violationsApi.catalogue(), []);
  const [edits, setEdits] = useState<Record<string, number>>({});
  async function save(e: CatalogueEntry) {
    const value = edits[e.code];
    if (value === undefined) return;
    try {
      await violationsApi.setPoints(e.code, Math.round(value * 1000));
      Toast.success(t('consoleUi.saved'));
      state.reload();
    } catch (err) {
      Toast.error(errorText(err, t));
    }
  }
  return (
    <LoadView state={state}>
      {({ items }) => (
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={items}
          data-testid="violation-catalogue"
          columns={[
            { title: t('violations.rule'), dataIndex: 'code', render: (c: string) => t(`violations.rules.${c}`) },
            { title: t('violations.ledger'), dataIndex: 'ledger', render: (l: string) => t(`violations.ledgers.${l}`) },
            {
              title: t('violations.admin.subject'),
              dataIndex: 'subjects',
              render: (s: string[]) => s.map((x) => t(`violations.admin.subjectKinds.${x}`)).join(' / '),
            },
            {
              title: '',
              dataIndex: 'manual',
              render: (m: boolean) => <Tag>{t(m ? 'violations.admin.manual' : 'violations.admin.detector')}</Tag>,
            },
            {
              title: t('violations.admin.pointsInput'),
              dataIndex: 'milliPoints',
              render: (m: number, e: CatalogueEntry) => (
                <Space>
                  <InputNumber
                    size="small"
                    min={0}
                    max={48}
                    step={0.1}
                    precision={1}
                    value={edits[e.code] ?? m / 1000}
                    onChange={(v) => setEdits((x) => ({ ...x, [e.code]: Number(v) }))}
                    style={{ width: 100 }}
                    aria-label={t('violations.admin.pointsInput')}
                  />
                  <Button size="small" disabled={edits[e.code] === undefined} onClick={() => void save(e)}>
                    {t('violations.admin.save')}
                  </Button>
                  <Typography.Text type="tertiary" size="small">
                    {t('violations.admin.defaultPoints', { points: pts(e.defaultMilliPoints) })}
                  </Typography.Text>
                </Space>
              ),
            },
          ]}
        />
      )}
    </LoadView>
  );
}

function RecordTab() {
  const { t } = useTranslation();
  const state = useLoad(() => violationsApi.catalogue(), []);
  const [form, setForm] = useState({
    subjectKind: 'shop' as 'shop' | 'creator',
    subjectId: '',
    rule: 'fake_order',
    refId: '',
    note: '',
  });
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    try {
      await violationsApi.record({
        ...form,
        subjectId: form.subjectId.trim(),
        refId: form.refId.trim(),
        note: form.note.trim(),
      });
      Toast.success(t('violations.admin.recorded'));
      setForm((f) => ({ ...f, refId: '', note: '' }));
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  const ok = form.subjectId.trim() && form.refId.trim() && form.note.trim();
  return (
    <LoadView state={state}>
      {({ items }) => (
        <Card style={{ maxWidth: 560 }}>
          <Space vertical align="start" style={{ width: '100%' }}>
            <Select
              value={form.subjectKind}
              onChange={(v) => setForm((f) => ({ ...f, subjectKind: v as 'shop' | 'creator' }))}
              style={{ width: 200 }}
              aria-label={t('violations.admin.subject')}
            >
              <Select.Option value="shop">{t('violations.admin.subjectKinds.shop')}</Select.Option>
              <Select.Option value="creator">{t('violations.admin.subjectKinds.creator')}</Select.Option>
            </Select>
            <Input
              value={form.subjectId}
              onChange={(v) => setForm((f) => ({ ...f, subjectId: v }))}
              placeholder={t('violations.admin.subjectId')}
              maxLength={64}
            />
            <Select
              value={form.rule}
              onChange={(v) => setForm((f) => ({ ...f, rule: String(v) }))}
              style={{ width: '100%' }}
              aria-label={t('violations.rule')}
            >
              {items
                .filter((r) => r.subjects.includes(form.subjectKind))
                .map((r) => (
                  <Select.Option key={r.code} value={r.code}>
                    {t(`violations.rules.${r.code}`)} · {t('violations.points', { points: pts(r.milliPoints) })}
                  </Select.Option>
                ))}
            </Select>
            <Input
              value={form.refId}
              onChange={(v) => setForm((f) => ({ ...f, refId: v }))}
              placeholder={t('violations.admin.refId')}
              maxLength={64}
            />
            <TextArea
              value={form.note}
              onChange={(v) => setForm((f) => ({ ...f, note: v }))}
              placeholder={t('violations.admin.note')}
              maxLength={500}
              rows={3}
            />
            <Button theme="solid" disabled={!ok} loading={busy} onClick={() => void submit()}>
              {t('violations.admin.recordSubmit')}
            </Button>
          </Space>
        </Card>
      )}
    </LoadView>
  );
}
