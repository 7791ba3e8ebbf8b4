import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  TextArea,
  Toast,
  Typography,
} from '@douyinfe/semi-ui-19';
import { IconPlus } from '@douyinfe/semi-icons';
import { CursorPager, useCursorPages } from '../../shell/CursorPager';
import { EmptyState, ErrorState, errorText, LoadView, useLoad } from '../../shell/common';
import {
  governanceApi,
  SEVERITIES,
  TERM_CLASSES,
  type CheckResult,
  type RuleInfo,
  type Severity,
  type Term,
  type TermClass,
} from './governance-api';

const SEVERITY_COLOR: Record<Severity, 'red' | 'orange' | 'blue'> = { reject: 'red', review: 'orange', warn: 'blue' };

/** 红线词库: terms by class with severity and rule, the homophone table, and a box to try a text. */
export function GovernanceView() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('governance.title')}
      </Typography.Title>
      <Typography.Paragraph type="tertiary">{t('governance.intro')}</Typography.Paragraph>
      <Tabs type="line" lazyRender>
        <Tabs.TabPane tab={t('governance.terms')} itemKey="terms">
          <TermsTab />
        </Tabs.TabPane>
        <Tabs.TabPane tab={t('governance.homophones')} itemKey="homophones">
          <HomophonesTab />
        </Tabs.TabPane>
        <Tabs.TabPane tab={t('governance.tryIt')} itemKey="try">
          <TryTab />
        </Tabs.TabPane>
      </Tabs>
    </>
  );
}

function ruleLabel(rule: { zh: string; en: string }, lang: string): string {
  return lang.startsWith('zh') ? rule.zh : rule.en;
}

function TermsTab() {
  const { t, i18n } = useTranslation();
  const [cls, setCls] = useState<TermClass | undefined>(undefined);
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const pages = useCursorPages(
    (cursor) => governanceApi.terms({ class: cls, q: q.trim() || undefined, cursor }),
    [cls, q],
  );

  async function patch(term: Term, body: Parameters<typeof governanceApi.updateTerm>[1]) {
    try {
      await governanceApi.updateTerm(term.id, body);
      Toast.success(t('consoleUi.saved'));
      pages.reload();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }

  return (
    <>
      <div className="cs-toolbar">
        <Select
          placeholder={t('governance.allClasses')}
          value={cls}
          onChange={(v) => setCls((v as TermClass | undefined) ?? undefined)}
          showClear
          style={{ width: 160 }}
          aria-label={t('governance.class')}
        >
          {TERM_CLASSES.map((c) => (
            <Select.Option key={c} value={c}>
              {t(`governance.classes.${c}`)}
            </Select.Option>
          ))}
        </Select>
        <Input
          placeholder={t('governance.search')}
          value={q}
          onChange={setQ}
          maxLength={30}
          style={{ width: 200 }}
          showClear
        />
        <span className="cs-grow" />
        <Button theme="solid" icon={<IconPlus />} onClick={() => setAdding(true)}>
          {t('governance.addTerm')}
        </Button>
      </div>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          empty={<EmptyState title={t('governance.noHits')} />}
          columns={[
            { title: t('governance.term'), dataIndex: 'text' },
            {
              title: t('governance.class'),
              dataIndex: 'class',
              render: (c: TermClass) => <Tag>{t(`governance.classes.${c}`)}</Tag>,
            },
            {
              title: t('governance.severity'),
              dataIndex: 'severity',
              render: (s: Severity, term: Term) => (
                <Select
                  size="small"
                  value={s}
                  onChange={(v) => void patch(term, { severity: v as Severity })}
                  style={{ width: 96 }}
                  aria-label={t('governance.severity')}
                >
                  {SEVERITIES.map((x) => (
                    <Select.Option key={x} value={x}>
                      <Tag color={SEVERITY_COLOR[x]}>{t(`governance.severities.${x}`)}</Tag>
                    </Select.Option>
                  ))}
                </Select>
              ),
            },
            {
              title: t('governance.rule'),
              dataIndex: 'rule',
              render: (_: string, term: Term) => (
                <span className="cs-muted">{ruleLabel(term.ruleText, i18n.language)}</span>
              ),
            },
            {
              title: t('governance.source'),
              dataIndex: 'createdBy',
              render: (by: string | null) => (by ? t('governance.addedByAdmin') : t('governance.defaultBook')),
            },
            {
              title: t('governance.enabled'),
              dataIndex: 'enabled',
              render: (on: boolean, term: Term) => (
                <Switch
                  size="small"
                  checked={on}
                  onChange={(v) => void patch(term, { enabled: v })}
                  aria-label={t('governance.enabled')}
                />
              ),
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
      {adding && (
        <AddTermModal
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            pages.reload();
          }}
        />
      )}
    </>
  );
}

function AddTermModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const rules = useLoad(() => governanceApi.rules(), []);
  const [text, setText] = useState('');
  const [cls, setCls] = useState<TermClass>('absolute');
  const [severity, setSeverity] = useState<Severity>('reject');
  const [rule, setRule] = useState('AD_LAW_9_ABSOLUTE');
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    try {
      await governanceApi.addTerm({ text: text.trim(), class: cls, severity, rule });
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
      title={t('governance.addTerm')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('consoleUi.save')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={
        { disabled: text.trim().length === 0, loading: busy, 'data-testid': 'term-save' } as Record<string, unknown>
      }
    >
      <Space vertical align="start" style={{ width: '100%' }}>
        <label className="cs-muted" htmlFor="g-term">
          {t('governance.term')}
        </label>
        <Input id="g-term" data-testid="term-text" value={text} onChange={setText} maxLength={30} />
        <span className="cs-muted">{t('governance.termHint')}</span>
        <label className="cs-muted">{t('governance.class')}</label>
        <Select
          value={cls}
          onChange={(v) => setCls(v as TermClass)}
          style={{ width: 220 }}
          aria-label={t('governance.class')}
        >
          {TERM_CLASSES.map((c) => (
            <Select.Option key={c} value={c}>
              {t(`governance.classes.${c}`)}
            </Select.Option>
          ))}
        </Select>
        <label className="cs-muted">{t('governance.severity')}</label>
        <Select
          value={severity}
          onChange={(v) => setSeverity(v as Severity)}
          style={{ width: 220 }}
          aria-label={t('governance.severity')}
        >
          {SEVERITIES.map((s) => (
            <Select.Option key={s} value={s}>
              {t(`governance.severities.${s}`)}
            </Select.Option>
          ))}
        </Select>
        <label className="cs-muted">{t('governance.rule')}</label>
        <LoadView state={rules}>
          {(r) => (
            <Select
              value={rule}
              onChange={(v) => setRule(String(v))}
              style={{ width: '100%' }}
              aria-label={t('governance.rule')}
            >
              {r.rules.map((x: RuleInfo) => (
                <Select.Option key={x.code} value={x.code}>
                  {ruleLabel(x, i18n.language)}
                </Select.Option>
              ))}
            </Select>
          )}
        </LoadView>
      </Space>
    </Modal>
  );
}

function HomophonesTab() {
  const { t } = useTranslation();
  const state = useLoad(() => governanceApi.homophones(), []);
  const [canonical, setCanonical] = useState('');
  const [variant, setVariant] = useState('');
  async function act(work: () => Promise<unknown>, done: string) {
    try {
      await work();
      Toast.success(done);
      state.reload();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }
  return (
    <>
      <div className="cs-toolbar">
        <Input
          placeholder={t('governance.canonical')}
          value={canonical}
          onChange={setCanonical}
          maxLength={20}
          style={{ width: 160 }}
        />
        <Input
          placeholder={t('governance.variant')}
          value={variant}
          onChange={setVariant}
          maxLength={20}
          style={{ width: 160 }}
        />
        <Button
          theme="solid"
          icon={<IconPlus />}
          disabled={!canonical.trim() || !variant.trim()}
          onClick={() =>
            void act(async () => {
              await governanceApi.addHomophone({ canonical: canonical.trim(), variant: variant.trim() });
              setVariant('');
            }, t('consoleUi.saved'))
          }
        >
          {t('governance.addHomophone')}
        </Button>
      </div>
      <LoadView state={state}>
        {(data) => (
          <>
            <Typography.Text type="tertiary">{t('governance.version', { version: data.version })}</Typography.Text>
            <Table
              rowKey="id"
              pagination={{ pageSize: 20 }}
              dataSource={data.items}
              columns={[
                { title: t('governance.canonical'), dataIndex: 'canonical' },
                { title: t('governance.variant'), dataIndex: 'variant' },
                {
                  title: t('governance.source'),
                  dataIndex: 'createdBy',
                  render: (by: string | null) => (by ? t('governance.addedByAdmin') : t('governance.defaultBook')),
                },
                {
                  title: t('consoleUi.actions'),
                  dataIndex: 'id',
                  render: (id: string) => (
                    <Button
                      theme="borderless"
                      size="small"
                      type="danger"
                      onClick={() => void act(() => governanceApi.removeHomophone(id), t('governance.removed'))}
                    >
                      {t('governance.remove')}
                    </Button>
                  ),
                },
              ]}
            />
          </>
        )}
      </LoadView>
    </>
  );
}

function TryTab() {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [result, setResult] = useState<CheckResult | null>(null);
  const [busy, setBusy] = useState(false);
  async function check() {
    setBusy(true);
    try {
      setResult(await governanceApi.check(text));
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space vertical align="start" style={{ width: '100%' }}>
      <TextArea
        value={text}
        onChange={setText}
        maxCount={5000}
        rows={4}
        placeholder={t('governance.checkPlaceholder')}
      />
      <Button theme="solid" loading={busy} disabled={!text} onClick={() => void check()}>
        {t('governance.check')}
      </Button>
      {result && (
        <>
          <Typography.Text strong>
            {t('governance.verdict')}:{' '}
            <Tag color={result.verdict === 'pass' ? 'green' : SEVERITY_COLOR[result.verdict]}>
              {t(`governance.verdicts.${result.verdict}`)}
            </Tag>
          </Typography.Text>
          <Table
            rowKey={(h?: CheckResult['hits'][number]) => (h ? `${h.termId}:${h.start}:${h.end}` : '')}
            pagination={false}
            dataSource={result.hits}
            empty={<EmptyState title={t('governance.noHits')} />}
            columns={[
              { title: t('governance.term'), dataIndex: 'term' },
              { title: t('governance.matched'), dataIndex: 'matched', render: (m: string) => <mark>{m}</mark> },
              {
                title: t('governance.position'),
                dataIndex: 'start',
                render: (_: number, h: CheckResult['hits'][number]) => `${h.start}–${h.end}`,
              },
              {
                title: t('governance.class'),
                dataIndex: 'class',
                render: (c: TermClass) => t(`governance.classes.${c}`),
              },
              {
                title: t('governance.severity'),
                dataIndex: 'severity',
                render: (s: Severity) => <Tag color={SEVERITY_COLOR[s]}>{t(`governance.severities.${s}`)}</Tag>,
              },
              {
                title: t('governance.rule'),
                dataIndex: 'rule',
                render: (_: string, h: CheckResult['hits'][number]) => ruleLabel(h.ruleText, i18n.language),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
