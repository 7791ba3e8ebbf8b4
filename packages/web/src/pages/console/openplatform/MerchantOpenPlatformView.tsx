import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useSearchParams } from 'react-router';
import {
  Banner,
  Button,
  Card,
  Checkbox,
  CheckboxGroup,
  Input,
  Modal,
  Radio,
  RadioGroup,
  SideSheet,
  Space,
  Table,
  Tabs,
  Tag,
  Toast,
  Typography,
} from '@douyinfe/semi-ui-19';
import { errorText, EmptyState, LoadView, useLoad } from '../shell/common';
import { useRowAction } from '../shell/useRowAction';
import { formatDateTime } from '../../../lib/format';
import { GROUPS, openApi, TAGS, type Authorization, type OpenApp } from './openplatform-api';

/** 商家后台 · 开放平台: my apps (create, secret shown once, rotate, push log with replay), the shop's authorisations with revoke, and the consent page. */
export function MerchantOpenPlatformView({ shopId, role }: { shopId: string; role: string }) {
  return (
    <Routes>
      <Route path="authorize" element={<ConsentPage shopId={shopId} />} />
      <Route path="*" element={<Main shopId={shopId} role={role} />} />
    </Routes>
  );
}

function Main({ shopId, role }: { shopId: string; role: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('openPlatform.title')}
      </Typography.Title>
      <Typography.Paragraph type="tertiary">
        {t('openPlatform.intro')} {t('openPlatform.gateway')}:{' '}
        <Typography.Text code copyable>{`${window.location.origin}/open`}</Typography.Text>
      </Typography.Paragraph>
      <Tabs type="line" lazyRender>
        <Tabs.TabPane tab={t('openPlatform.tabs.apps')} itemKey="apps">
          <AppsTab shopId={shopId} role={role} />
        </Tabs.TabPane>
        <Tabs.TabPane tab={t('openPlatform.tabs.authorizations')} itemKey="auth">
          <AuthorizationsTab shopId={shopId} role={role} />
        </Tabs.TabPane>
      </Tabs>
    </>
  );
}

function AppsTab({ shopId, role }: { shopId: string; role: string }) {
  const { t, i18n } = useTranslation();
  const state = useLoad(() => Promise.all([openApi.apps(), openApi.authorizations(shopId)]), [shopId]);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [log, setLog] = useState<OpenApp | null>(null);
  const [rotating, setRotating] = useState<OpenApp | null>(null);
  const { busy, run } = useRowAction(state.reload);
  async function rotate(a: OpenApp) {
    setRotating(null);
    try {
      setSecret((await openApi.rotate(a.id)).secret);
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }
  const when = (ms: number) => formatDateTime(ms, i18n.language);
  return (
    <LoadView state={state}>
      {([apps, auths]) => {
        const mine = apps.items.filter((a) => a.kind === 'tool' || a.shopId === shopId);
        const authorized = new Set(auths.items.filter((a) => a.status === 'active').map((a) => a.appId));
        return (
          <>
            {role === 'owner' && (
              <Button
                theme="solid"
                style={{ marginBottom: 12 }}
                data-testid="open-create"
                onClick={() => setCreating(true)}
              >
                {t('openPlatform.create')}
              </Button>
            )}
            {mine.length === 0 ? (
              <EmptyState title={t('openPlatform.noApps')} />
            ) : (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={mine}
                data-testid="open-apps"
                columns={[
                  {
                    title: t('openPlatform.name'),
                    dataIndex: 'name',
                    render: (x: string, a: OpenApp) => (
                      <span>
                        <span data-user-content>{x}</span> <Tag size="small">{t(`openPlatform.kinds.${a.kind}`)}</Tag>
                      </span>
                    ),
                  },
                  {
                    title: t('openPlatform.appKey'),
                    dataIndex: 'appKey',
                    render: (x: string) => (
                      <Typography.Text className="cs-mono" copyable>
                        {x}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('openPlatform.groups'),
                    dataIndex: 'groups',
                    render: (g: string[]) => g.map((x) => t(`openPlatform.groupNames.${x}`)).join('、'),
                  },
                  {
                    title: t('openPlatform.status'),
                    dataIndex: 'status',
                    render: (s: string, a: OpenApp) => (
                      <span>
                        <Tag color={s === 'approved' ? 'green' : s === 'pending' ? 'orange' : 'red'}>
                          {t(`openPlatform.statuses.${s}`)}
                        </Tag>
                        {a.reviewNote && (
                          <Typography.Text type="tertiary" size="small">
                            {' '}
                            {a.reviewNote}
                          </Typography.Text>
                        )}
                      </span>
                    ),
                  },
                  {
                    title: t('openPlatform.pushUrl'),
                    dataIndex: 'pushUrl',
                    render: (x: string) => (
                      <span className="cs-mono" data-user-content>
                        {x || '—'}
                      </span>
                    ),
                  },
                  {
                    title: '',
                    dataIndex: 'id',
                    render: (_: string, a: OpenApp) => (
                      <Space>
                        {a.kind === 'self' &&
                          a.status === 'approved' &&
                          role === 'owner' &&
                          (authorized.has(a.id) ? (
                            <Tag color="green">{t('openPlatform.authorized')}</Tag>
                          ) : (
                            <Button
                              size="small"
                              theme="solid"
                              loading={busy === a.id}
                              data-testid={`open-authorize-${a.id}`}
                              onClick={() => void run(a.id, () => openApi.authorizeSelf(a.id), t('consoleUi.saved'))}
                            >
                              {t('openPlatform.authorizeSelf')}
                            </Button>
                          ))}
                        <Button size="small" onClick={() => setLog(a)}>
                          {t('openPlatform.deliveries')}
                        </Button>
                        <Button size="small" type="danger" onClick={() => setRotating(a)}>
                          {t('openPlatform.rotate')}
                        </Button>
                      </Space>
                    ),
                  },
                ]}
              />
            )}
            {creating && (
              <CreateModal
                shopId={shopId}
                onClose={() => setCreating(false)}
                onCreated={(s) => {
                  setCreating(false);
                  setSecret(s);
                  state.reload();
                }}
              />
            )}
            {secret && (
              <Modal
                visible
                title={t('openPlatform.secretTitle')}
                onOk={() => setSecret(null)}
                onCancel={() => setSecret(null)}
                hasCancel={false}
                okText={t('openPlatform.secretSaved')}
                okButtonProps={{ 'data-testid': 'open-secret-ok' } as object}
              >
                <Banner type="warning" fullMode={false} description={t('openPlatform.secretOnce')} />
                <Typography.Paragraph copyable className="cs-mono" style={{ marginTop: 12 }} data-testid="open-secret">
                  {secret}
                </Typography.Paragraph>
              </Modal>
            )}
            {log && <DeliveryLog app={log} when={when} onClose={() => setLog(null)} />}
            {rotating && (
              <Modal
                visible
                title={t('openPlatform.rotate')}
                onCancel={() => setRotating(null)}
                onOk={() => void rotate(rotating)}
                okText={t('openPlatform.rotate')}
                cancelText={t('consoleUi.cancel')}
                okButtonProps={{ type: 'danger', 'data-testid': 'open-rotate-ok' } as object}
              >
                {t('openPlatform.rotateConfirm')}
              </Modal>
            )}
          </>
        );
      }}
    </LoadView>
  );
}

function CreateModal({
  shopId,
  onClose,
  onCreated,
}: {
  shopId: string;
  onClose: () => void;
  onCreated: (secret: string) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'self' | 'tool'>('self');
  const [groups, setGroups] = useState<string[]>([...GROUPS]);
  const [callbackUrl, setCallbackUrl] = useState('');
  const [pushUrl, setPushUrl] = useState('');
  const [pushTags, setPushTags] = useState<string[]>(['101', '102', '200', '206']);
  const [ipAllow, setIpAllow] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    try {
      const ips = ipAllow
        .split(/[,，\s]+/)
        .map((x) => x.trim())
        .filter(Boolean);
      const res = await openApi.register({
        name: name.trim(),
        kind,
        ...(kind === 'self' ? { shopId } : {}),
        groups,
        callbackUrl,
        pushUrl,
        pushTags,
        ipAllow: ips,
      });
      onCreated(res.secret);
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      visible
      title={t('openPlatform.create')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('openPlatform.create')}
      cancelText={t('consoleUi.cancel')}
      okButtonProps={
        {
          loading: busy,
          disabled: name.trim().length < 2 || groups.length === 0,
          'data-testid': 'open-create-ok',
        } as object
      }
      width={640}
    >
      <Space vertical align="start" style={{ width: '100%' }} spacing={12}>
        <Input
          value={name}
          onChange={setName}
          placeholder={t('openPlatform.name')}
          aria-label={t('openPlatform.name')}
          maxLength={40}
          data-testid="open-name"
        />
        <RadioGroup
          value={kind}
          onChange={(e) => setKind(e.target.value as 'self' | 'tool')}
          aria-label={t('openPlatform.kind')}
        >
          <Radio value="self">{t('openPlatform.kinds.self')}</Radio>
          <Radio value="tool">{t('openPlatform.kinds.tool')}</Radio>
        </RadioGroup>
        <Typography.Text strong>{t('openPlatform.groups')}</Typography.Text>
        <CheckboxGroup value={groups} onChange={(v) => setGroups(v as string[])} direction="horizontal">
          {GROUPS.map((g) => (
            <Checkbox key={g} value={g}>
              {t(`openPlatform.groupNames.${g}`)}
            </Checkbox>
          ))}
        </CheckboxGroup>
        {kind === 'tool' && (
          <Input
            value={callbackUrl}
            onChange={setCallbackUrl}
            placeholder={t('openPlatform.callbackUrl')}
            aria-label={t('openPlatform.callbackUrl')}
          />
        )}
        <Input
          value={pushUrl}
          onChange={setPushUrl}
          placeholder={t('openPlatform.pushUrl')}
          aria-label={t('openPlatform.pushUrl')}
        />
        <Typography.Text strong>{t('openPlatform.pushTags')}</Typography.Text>
        <CheckboxGroup value={pushTags} onChange={(v) => setPushTags(v as string[])} direction="horizontal">
          {TAGS.map((g) => (
            <Checkbox key={g} value={g}>
              {t(`openPlatform.tagNames.${g}`)}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <Input
          value={ipAllow}
          onChange={setIpAllow}
          placeholder={t('openPlatform.ipAllowHint')}
          aria-label={t('openPlatform.ipAllow')}
        />
      </Space>
    </Modal>
  );
}

function DeliveryLog({ app, when, onClose }: { app: OpenApp; when: (ms: number) => string; onClose: () => void }) {
  const { t } = useTranslation();
  const state = useLoad(() => openApi.deliveries(app.id), [app.id]);
  const { busy, run } = useRowAction(state.reload);
  return (
    <SideSheet visible title={`${t('openPlatform.deliveries')} · ${app.name}`} onCancel={onClose} width={720}>
      <LoadView state={state}>
        {(d) => (
          <>
            {(d.waiting > 0 || d.failed > 0) && (
              <Banner
                type="warning"
                fullMode={false}
                style={{ marginBottom: 12 }}
                description={[
                  d.waiting > 0 ? t('openPlatform.waiting', { n: d.waiting }) : '',
                  d.failed > 0 ? t('openPlatform.givenUp', { n: d.failed }) : '',
                ]
                  .filter(Boolean)
                  .join('；')}
              />
            )}
            {d.items.length === 0 ? (
              <EmptyState title={t('openPlatform.noDeliveries')} />
            ) : (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={d.items}
                columns={[
                  { title: t('openPlatform.grantedAt'), dataIndex: 'createdAt', render: (ms: number) => when(ms) },
                  {
                    title: t('openPlatform.status'),
                    dataIndex: 'outcome',
                    render: (o: string, x) => (
                      <span>
                        <Tag color={o === 'ok' ? 'green' : 'red'}>
                          {t(o === 'ok' ? 'openPlatform.deliveryOk' : 'openPlatform.deliveryFailed')}
                        </Tag>
                        {x.replay && <Tag size="small">{t('openPlatform.replay')}</Tag>} {x.httpStatus ?? ''}
                      </span>
                    ),
                  },
                  {
                    title: t('openPlatform.pushTags'),
                    dataIndex: 'messageCount',
                    render: (n: number) => t('openPlatform.messages', { n }),
                  },
                  {
                    title: '',
                    dataIndex: 'error',
                    render: (e: string | null) => (
                      <Typography.Text
                        type="tertiary"
                        size="small"
                        ellipsis={{ showTooltip: true }}
                        style={{ maxWidth: 200 }}
                      >
                        {e ?? ''}
                      </Typography.Text>
                    ),
                  },
                  {
                    title: '',
                    dataIndex: 'id',
                    render: (id: string) => (
                      <Button
                        size="small"
                        loading={busy === id}
                        onClick={() => void run(id, () => openApi.replay(app.id, id), t('openPlatform.replayed'))}
                      >
                        {t('openPlatform.replay')}
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </>
        )}
      </LoadView>
    </SideSheet>
  );
}

function AuthorizationsTab({ shopId, role }: { shopId: string; role: string }) {
  const { t, i18n } = useTranslation();
  const state = useLoad(() => openApi.authorizations(shopId), [shopId]);
  const { busy, run } = useRowAction(state.reload);
  const [revoking, setRevoking] = useState<Authorization | null>(null);
  return (
    <LoadView state={state}>
      {({ items }) =>
        items.length === 0 ? (
          <EmptyState title={t('openPlatform.noAuthorizations')} />
        ) : (
          <>
            {revoking && (
              <Modal
                visible
                title={t('openPlatform.revoke')}
                onCancel={() => setRevoking(null)}
                okText={t('openPlatform.revoke')}
                cancelText={t('consoleUi.cancel')}
                okButtonProps={{ type: 'danger', 'data-testid': 'open-revoke-ok' } as object}
                onOk={() => {
                  const id = revoking.id;
                  setRevoking(null);
                  void run(id, () => openApi.revoke(id), t('consoleUi.saved'));
                }}
              >
                {t('openPlatform.revokeConfirm')}
              </Modal>
            )}
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={items}
              data-testid="open-authorizations"
              columns={[
                {
                  title: t('openPlatform.app'),
                  dataIndex: 'appName',
                  render: (x: string, a: Authorization) => (
                    <span>
                      <span data-user-content>{x}</span>{' '}
                      <Typography.Text type="tertiary" className="cs-mono" size="small">
                        {a.appKey}
                      </Typography.Text>
                    </span>
                  ),
                },
                {
                  title: t('openPlatform.groups'),
                  dataIndex: 'groups',
                  render: (g: string[]) => g.map((x) => t(`openPlatform.groupNames.${x}`)).join('、'),
                },
                {
                  title: t('openPlatform.grantedAt'),
                  dataIndex: 'createdAt',
                  render: (ms: number) => formatDateTime(ms, i18n.language),
                },
                {
                  title: t('openPlatform.status'),
                  dataIndex: 'status',
                  render: (s: string) => (
                    <Tag color={s === 'active' ? 'green' : 'grey'}>
                      {t(s === 'active' ? 'openPlatform.active' : 'openPlatform.revoked')}
                    </Tag>
                  ),
                },
                {
                  title: '',
                  dataIndex: 'id',
                  render: (id: string, a: Authorization) =>
                    a.status === 'active' && role === 'owner' ? (
                      <Button
                        size="small"
                        type="danger"
                        loading={busy === id}
                        data-testid={`open-revoke-${id}`}
                        onClick={() => setRevoking(a)}
                      >
                        {t('openPlatform.revoke')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </>
        )
      }
    </LoadView>
  );
}

/** The consent page a tool app sends the shop owner to: /merchant/open/authorize?app_key=…&state=… */
function ConsentPage({ shopId }: { shopId: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const appKey = params.get('app_key') ?? '';
  const state = useLoad(() => openApi.consent(appKey), [appKey]);
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function agree() {
    setBusy(true);
    try {
      const res = await openApi.grant({ appKey, shopId, state: params.get('state') ?? undefined });
      if (res.redirectUrl) window.location.assign(res.redirectUrl);
      else setCode(res.code);
    } catch (e) {
      Toast.error(errorText(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('openPlatform.consentTitle')}
      </Typography.Title>
      <LoadView state={state}>
        {(app) => (
          <Card style={{ maxWidth: 560 }}>
            <Typography.Paragraph>{t('openPlatform.consentIntro', { name: app.name })}</Typography.Paragraph>
            <ul>
              {app.groups.map((g) => (
                <li key={g}>{t(`openPlatform.groupNames.${g}`)}</li>
              ))}
            </ul>
            {app.status !== 'approved' ? (
              <Banner type="warning" fullMode={false} description={t('openPlatform.consentNotApproved')} />
            ) : code ? (
              <Typography.Paragraph>
                {t('openPlatform.consentCode')}:{' '}
                <Typography.Text code copyable>
                  {code}
                </Typography.Text>
              </Typography.Paragraph>
            ) : (
              <Button theme="solid" loading={busy} onClick={() => void agree()}>
                {t('openPlatform.consentAgree')}
              </Button>
            )}
          </Card>
        )}
      </LoadView>
    </>
  );
}
