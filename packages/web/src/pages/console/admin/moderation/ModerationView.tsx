import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Modal, Select, Tag, TextArea, Toast, Typography } from '@douyinfe/semi-ui-19';
import { formatDateTime } from '../../../../lib/format';
import {
  moderationApi,
  ITEM_SOURCES,
  ITEM_STATUSES,
  SUBJECT_KINDS,
  type Decision,
  type ItemSource,
  type ItemStatus,
  type QueueItem,
  type SubjectKind,
} from '../../../../api/moderation';
import { EmptyState, errorText, LoadView, useLoad } from '../../shell/common';

const DECISION_THEME: Record<Decision, { type: 'primary' | 'danger' | 'tertiary'; theme: 'solid' | 'light' }> = {
  approve: { type: 'primary', theme: 'solid' },
  reject: { type: 'danger', theme: 'solid' },
  dismiss: { type: 'tertiary', theme: 'light' },
  take_down: { type: 'danger', theme: 'solid' },
};
const NEEDS_REASON: ReadonlySet<Decision> = new Set(['reject', 'take_down']);

/** 内容审核: the queue (filters: kind, source, overdue), the evidence of each item, and the decisions with a reason. */
export function ModerationView() {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<SubjectKind | undefined>(undefined);
  const [source, setSource] = useState<ItemSource | undefined>(undefined);
  const [overdue, setOverdue] = useState(false);
  const [status, setStatus] = useState<ItemStatus>('open');
  const queue = useLoad(
    () => moderationApi.queue({ kind, source, status, overdue: overdue || undefined }),
    [kind, source, status, overdue],
  );
  const [deciding, setDeciding] = useState<{ item: QueueItem; decision: Decision } | null>(null);

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('moderation.title')}
      </Typography.Title>
      <Typography.Paragraph type="tertiary">{t('moderation.intro')}</Typography.Paragraph>
      {/* Keyed by language: Semi keeps the chosen option's label, which must follow a language switch. */}
      <div className="cs-toolbar">
        <Select
          key={`kind-${i18n.language}`}
          placeholder={t('moderation.allKinds')}
          value={kind}
          onChange={(v) => setKind((v as SubjectKind | undefined) ?? undefined)}
          showClear
          style={{ width: 150 }}
          aria-label={t('moderation.kind')}
          data-testid="filter-kind"
        >
          {SUBJECT_KINDS.map((k) => (
            <Select.Option key={k} value={k}>
              {t(`moderation.kinds.${k}`)}
            </Select.Option>
          ))}
        </Select>
        <Select
          key={`source-${i18n.language}`}
          placeholder={t('moderation.allSources')}
          value={source}
          onChange={(v) => setSource((v as ItemSource | undefined) ?? undefined)}
          showClear
          style={{ width: 150 }}
          aria-label={t('moderation.source')}
          data-testid="filter-source"
        >
          {ITEM_SOURCES.map((s) => (
            <Select.Option key={s} value={s}>
              {t(`moderation.sources.${s}`)}
            </Select.Option>
          ))}
        </Select>
        <Select
          key={`status-${i18n.language}`}
          value={status}
          onChange={(v) => setStatus((v as ItemStatus | undefined) ?? 'open')}
          style={{ width: 150 }}
          aria-label={t('moderation.statusLabel')}
          data-testid="filter-status"
        >
          {ITEM_STATUSES.map((s) => (
            <Select.Option key={s} value={s}>
              {t(`moderation.statuses.${s}`)}
            </Select.Option>
          ))}
        </Select>
        <Checkbox
          checked={overdue}
          onChange={(e) => setOverdue(Boolean(e.target.checked))}
          data-testid="filter-overdue"
        >
          {t('moderation.overdueOnly')}
        </Checkbox>
      </div>
      <LoadView state={queue} rows={4}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('moderation.empty')} />
          ) : (
            <div className="mod-queue" data-testid="moderation-queue">
              {data.items.map((item) => (
                <QueueCard key={item.id} item={item} onDecide={(decision) => setDeciding({ item, decision })} />
              ))}
            </div>
          )
        }
      </LoadView>
      {deciding && (
        <DecisionDialog
          item={deciding.item}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
          onDone={() => (setDeciding(null), queue.reload())}
        />
      )}
    </>
  );
}

function QueueCard({ item, onDecide }: { item: QueueItem; onDecide(decision: Decision): void }) {
  const { t, i18n } = useTranslation();
  return (
    <section
      className={`mod-card${item.overdue ? ' mod-card-overdue' : ''}`}
      data-testid="moderation-item"
      data-item-id={item.id}
      data-subject-id={item.subjectId}
      data-kind={item.subjectKind}
      data-source={item.source}
    >
      <header className="mod-card-head">
        <Tag color="blue" size="small">
          {t(`moderation.kinds.${item.subjectKind}`)}
        </Tag>
        <Tag color={item.source === 'rules' ? 'violet' : 'orange'} size="small">
          {t(`moderation.sources.${item.source}`)}
        </Tag>
        {item.reportCount > 0 && (
          <Tag color="orange" size="small" data-testid="report-count">
            {t('moderation.reports', { count: item.reportCount })}
          </Tag>
        )}
        {item.overdue && (
          <Tag color="red" size="small" data-testid="overdue">
            {t('moderation.overdue')}
          </Tag>
        )}
        {item.status !== 'open' && (
          <Tag color="grey" size="small" data-testid="item-status">
            {t(`moderation.statuses.${item.status}`)}
          </Tag>
        )}
        <span className="cs-grow" />
        <span className="cs-muted">
          {t('moderation.opened')} {formatDateTime(item.openedAt, i18n.language)} · {t('moderation.due')}{' '}
          {formatDateTime(item.dueAt, i18n.language)}
        </span>
      </header>
      <p className="mod-excerpt" data-testid="evidence-text" data-user-content>
        {highlight(
          item.excerpt,
          item.hits.map((h) => h.matched),
        )}
      </p>
      {item.hits.length > 0 && (
        <div className="mod-evidence">
          <span className="cs-muted">{t('moderation.hitsTitle')}</span>
          {item.hits.map((h, i) => (
            <span key={i} className="mod-hit" data-user-content>
              <mark>{h.matched}</mark> {i18n.language.startsWith('zh') ? h.ruleText.zh : h.ruleText.en}
            </span>
          ))}
        </div>
      )}
      {item.reports.length > 0 && (
        <div className="mod-evidence">
          <span className="cs-muted">{t('moderation.reportsTitle')}</span>
          <ul className="mod-reports">
            {item.reports.map((r) => (
              <li key={r.id} data-testid="report-row" data-reason={r.reason}>
                <Tag size="small">{t(`moderation.reasons.${r.reason}`)}</Tag>
                {r.note && <span data-user-content> {r.note}</span>}
                <span className="cs-muted"> · {formatDateTime(r.createdAt, i18n.language)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {item.decisionReason && (
        <p className="mod-decision cs-muted" data-testid="decision-reason-shown">
          {t('moderation.decidedReason')}
          <span data-user-content>{item.decisionReason}</span>
        </p>
      )}
      <footer className="mod-actions">
        {item.allowed.map((d) => (
          <Button
            key={d}
            size="small"
            type={DECISION_THEME[d].type}
            theme={DECISION_THEME[d].theme}
            data-testid={`decide-${d}`}
            onClick={() => onDecide(d)}
          >
            {t(`moderation.decisions.${d}`)}
          </Button>
        ))}
      </footer>
    </section>
  );
}

/** The text with every matched term marked. */
function highlight(text: string, terms: string[]): ReactNode[] {
  const wanted = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return [text];
  const out: ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest) {
    let best: { at: number; term: string } | null = null;
    for (const term of wanted) {
      const at = rest.indexOf(term);
      if (at >= 0 && (!best || at < best.at)) best = { at, term };
    }
    if (!best) {
      out.push(rest);
      break;
    }
    if (best.at > 0) out.push(rest.slice(0, best.at));
    out.push(
      <mark key={key++} data-testid="evidence-mark">
        {best.term}
      </mark>,
    );
    rest = rest.slice(best.at + best.term.length);
  }
  return out;
}

function DecisionDialog({
  item,
  decision,
  onClose,
  onDone,
}: {
  item: QueueItem;
  decision: Decision;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const needed = NEEDS_REASON.has(decision);
  async function submit() {
    setBusy(true);
    try {
      await moderationApi.decide(item.id, { decision, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      Toast.success(t(`moderation.statuses.${decisionStatus(decision)}`));
      onDone();
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      visible
      title={`${t(`moderation.decisions.${decision}`)} · ${t(`moderation.kinds.${item.subjectKind}`)}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t(`moderation.decisions.${decision}`)}
      okButtonProps={
        {
          disabled: needed && !reason.trim(),
          loading: busy,
          type: DECISION_THEME[decision].type === 'danger' ? 'danger' : 'primary',
          'data-testid': 'decision-confirm',
        } as object
      }
    >
      <label className="cs-muted" htmlFor="mod-reason">
        {t('moderation.reasonLabel')}
      </label>
      <TextArea
        id="mod-reason"
        value={reason}
        onChange={setReason}
        maxCount={200}
        rows={3}
        placeholder={t('moderation.reasonPlaceholder')}
        data-testid="decision-reason"
      />
    </Modal>
  );
}

function decisionStatus(d: Decision): 'approved' | 'rejected' | 'dismissed' | 'taken_down' {
  return d === 'approve' ? 'approved' : d === 'reject' ? 'rejected' : d === 'dismiss' ? 'dismissed' : 'taken_down';
}
