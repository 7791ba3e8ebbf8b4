import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Button, Card, Modal, Space, Table, TextArea, Toast, Typography } from '@douyinfe/semi-ui-19';
import { EvidencePicker, type EvidenceState } from '../../aftersales/EvidencePicker';
import { errorText, EmptyState, LoadView, useLoad } from '../shell/common';
import { PenaltyTable, StatusTags, useWhen, ViolationTimeline } from './parts';
import { pts, violationsApi, type Board, type Violation } from './violations-api';

/** 商家后台 · 违规管理: points in force per ledger, the warning, penalties with end dates, records with their timeline and 申诉. */
export function MerchantViolationsView({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const state = useLoad(() => violationsApi.board(shopId), [shopId]);
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('violations.title')}
      </Typography.Title>
      <Typography.Paragraph type="tertiary">{t('violations.intro')}</Typography.Paragraph>
      <LoadView state={state}>{(b) => <BoardView board={b} onChanged={state.reload} />}</LoadView>
    </>
  );
}

function Banners({ board }: { board: Board }) {
  const { t } = useTranslation();
  const when = useWhen();
  const active = board.penalties.filter((p) => p.status === 'active');
  const out = [];
  for (const l of board.ledgers) {
    const mine = active.filter((p) => p.ledger === l.ledger && p.kind !== 'caution');
    const ledger = t(`violations.ledgers.${l.ledger}`);
    if (mine.length) {
      const names = mine.map((p) =>
        p.kind === 'traffic_throttle' && p.multiplierPermille !== null
          ? t('violations.throttleText', { m: p.multiplierPermille / 1000 })
          : t(`violations.penaltyKinds.${p.kind}`),
      );
      out.push(
        <Banner
          key={l.ledger}
          type="danger"
          fullMode={false}
          data-testid="violation-warning"
          description={t('violations.warningBanner', {
            points: pts(l.milliPoints),
            ledger,
            penalties: names.join('、'),
            until: when(Math.max(...mine.map((p) => p.endsAt))),
          })}
        />,
      );
    } else if (active.some((p) => p.ledger === l.ledger && p.kind === 'caution') && l.next) {
      out.push(
        <Banner
          key={l.ledger}
          type="warning"
          fullMode={false}
          data-testid="violation-caution"
          description={t('violations.cautionBanner', {
            points: pts(l.milliPoints),
            ledger,
            left: pts(l.next.points * 1000 - l.milliPoints),
          })}
        />,
      );
    }
  }
  return out.length ? (
    <Space vertical align="start" style={{ width: '100%', marginBottom: 16 }}>
      {out}
    </Space>
  ) : null;
}

function BoardView({ board, onChanged }: { board: Board; onChanged: () => void }) {
  const { t } = useTranslation();
  const when = useWhen();
  const [appealing, setAppealing] = useState<Violation | null>(null);
  const [open, setOpen] = useState<Violation | null>(null);
  return (
    <>
      <Banners board={board} />
      <div style={{ display: 'flex', gap: 16, marginBottom: 16 }}>
        {board.ledgers.map((l) => (
          <Card
            key={l.ledger}
            style={{ flex: 1 }}
            title={t(`violations.ledgers.${l.ledger}`)}
            data-testid={`ledger-${l.ledger}`}
          >
            <Typography.Title heading={2} style={{ margin: 0 }} type={l.milliPoints >= 12_000 ? 'danger' : undefined}>
              {t('violations.points', { points: pts(l.milliPoints) })}
            </Typography.Title>
            <Typography.Text type="tertiary">
              {l.next
                ? t(l.next.caution ? 'violations.nextCaution' : 'violations.nextThreshold', {
                    points: l.next.points,
                    left: pts(l.next.points * 1000 - l.milliPoints),
                  })
                : t('violations.noThreshold')}
            </Typography.Text>
          </Card>
        ))}
      </div>
      <Card title={t('violations.penalties')} style={{ marginBottom: 16 }}>
        <PenaltyTable penalties={board.penalties} />
      </Card>
      <Card title={t('violations.records')}>
        {board.items.length === 0 ? (
          <EmptyState title={t('violations.noRecords')} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            dataSource={board.items}
            pagination={{ pageSize: 20 }}
            data-testid="violation-records"
            columns={[
              { title: t('violations.at'), dataIndex: 'createdAt', render: (ms: number) => when(ms) },
              { title: t('violations.rule'), dataIndex: 'rule', render: (r: string) => t(`violations.rules.${r}`) },
              {
                title: t('violations.ledger'),
                dataIndex: 'ledger',
                render: (l: string) => t(`violations.ledgers.${l}`),
              },
              { title: t('violations.pointsCol'), dataIndex: 'milliPoints', render: (m: number) => pts(m) },
              {
                title: t('violations.ref'),
                dataIndex: 'refId',
                render: (r: string) => (
                  <span className="cs-mono" data-user-content>
                    {r}
                  </span>
                ),
              },
              {
                title: t('violations.statusCol'),
                dataIndex: 'status',
                render: (_: string, v: Violation) => <StatusTags v={v} />,
              },
              {
                title: t('violations.appeal'),
                dataIndex: 'appeal',
                render: (_: unknown, v: Violation) => (
                  <Space>
                    <Button size="small" theme="borderless" onClick={() => setOpen(v)}>
                      {t('violations.detail')}
                    </Button>
                    {v.appeal.open ? (
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`appeal-${v.id}`}
                        onClick={() => setAppealing(v)}
                        title={t('violations.appealUntil', { until: when(v.appeal.until), attempt: v.appeal.attempt })}
                      >
                        {t('violations.appeal')}
                      </Button>
                    ) : (
                      <Typography.Text type="tertiary" size="small">
                        {t(`violations.appealClosed.${v.appeal.reason}`)}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {appealing && (
        <AppealModal
          violation={appealing}
          onClose={() => setAppealing(null)}
          onDone={() => {
            setAppealing(null);
            onChanged();
          }}
        />
      )}
      <Modal
        title={t('violations.timelineTitle')}
        visible={open !== null}
        onCancel={() => setOpen(null)}
        footer={null}
        width={560}
      >
        {open && (
          <>
            <Typography.Paragraph>
              {t(`violations.rules.${open.rule}`)} · {t('violations.points', { points: pts(open.milliPoints) })} ·{' '}
              <StatusTags v={open} />
            </Typography.Paragraph>
            <ViolationTimeline entries={open.timeline} />
          </>
        )}
      </Modal>
    </>
  );
}

function AppealModal({
  violation,
  onClose,
  onDone,
}: {
  violation: Violation;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const when = useWhen();
  const [text, setText] = useState('');
  const [evidence, setEvidence] = useState<EvidenceState>({ ids: [], uploading: false });
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    try {
      await violationsApi.appeal(violation.id, { text: text.trim(), evidence: evidence.ids });
      Toast.success(t('violations.appealFiled'));
      onDone();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      title={t('violations.appealTitle')}
      visible
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('violations.submitAppeal')}
      okButtonProps={
        {
          disabled: text.trim().length === 0 || evidence.uploading,
          loading: busy,
          'data-testid': 'appeal-submit',
        } as object
      }
      width={560}
    >
      <Typography.Paragraph type="tertiary">
        {t(`violations.rules.${violation.rule}`)} · {t('violations.points', { points: pts(violation.milliPoints) })}
        {violation.appeal.open &&
          ` · ${t('violations.appealUntil', { until: when(violation.appeal.until), attempt: violation.appeal.attempt })}`}
      </Typography.Paragraph>
      <Typography.Text strong>{t('violations.appealText')}</Typography.Text>
      <TextArea
        value={text}
        onChange={setText}
        maxLength={1000}
        showClear
        rows={4}
        placeholder={t('violations.appealTextPlaceholder')}
        data-testid="appeal-text"
        style={{ margin: '8px 0 16px' }}
      />
      <Typography.Text strong>{t('violations.evidence')}</Typography.Text>
      <div style={{ marginTop: 8 }}>
        <EvidencePicker max={6} onChange={setEvidence} />
      </div>
    </Modal>
  );
}
