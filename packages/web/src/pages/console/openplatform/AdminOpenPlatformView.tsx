import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Space, Table, Tabs, Tag, Typography } from '@douyinfe/semi-ui-19';
import { EmptyState, LoadView, useLoad } from '../shell/common';
import { useRowAction } from '../shell/useRowAction';
import { formatDateTime } from '../../../lib/format';
import { openApi, type AppStatus, type OpenApp } from './openplatform-api';

const STATUSES: AppStatus[] = ['pending', 'approved', 'rejected', 'suspended'];

/** 平台管理 · 开放平台: apps by status; approve, reject or suspend with a note. */
export function AdminOpenPlatformView() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('openPlatform.admin.title')}
      </Typography.Title>
      <Tabs type="line" lazyRender>
        {STATUSES.map((s) => (
          <Tabs.TabPane key={s} tab={t(`openPlatform.statuses.${s}`)} itemKey={s}>
            <AppsByStatus status={s} />
          </Tabs.TabPane>
        ))}
      </Tabs>
    </>
  );
}

function AppsByStatus({ status }: { status: AppStatus }) {
  const { t, i18n } = useTranslation();
  const state = useLoad(() => openApi.adminApps(status), [status]);
  const { busy, run } = useRowAction(state.reload);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const act = (a: OpenApp, decision: 'approve' | 'reject' | 'suspend') =>
    void run(a.id, () => openApi.review(a.id, { decision, note: notes[a.id] ?? '' }), t('consoleUi.saved'));
  return (
    <LoadView state={state}>
      {({ items }) =>
        items.length === 0 ? (
          <EmptyState title={t('openPlatform.admin.noApps')} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={items}
            data-testid={`open-admin-${status}`}
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
                render: (x: string) => <span className="cs-mono">{x}</span>,
              },
              {
                title: t('openPlatform.admin.owner'),
                dataIndex: 'ownerId',
                render: (x: string) => (
                  <span className="cs-mono" data-user-content>
                    {x}
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
                title: t('openPlatform.admin.note'),
                dataIndex: 'reviewNote',
                render: (x: string, a: OpenApp) => (
                  <Input
                    size="small"
                    defaultValue={x}
                    maxLength={200}
                    aria-label={t('openPlatform.admin.note')}
                    onChange={(v) => setNotes((n) => ({ ...n, [a.id]: v }))}
                  />
                ),
              },
              {
                title: '',
                dataIndex: 'id',
                render: (_: string, a: OpenApp) => (
                  <Space>
                    {a.status !== 'approved' && (
                      <Button
                        size="small"
                        theme="solid"
                        loading={busy === a.id}
                        data-testid={`open-approve-${a.id}`}
                        onClick={() => act(a, 'approve')}
                      >
                        {t('openPlatform.admin.approve')}
                      </Button>
                    )}
                    {a.status === 'pending' && (
                      <Button size="small" type="danger" loading={busy === a.id} onClick={() => act(a, 'reject')}>
                        {t('openPlatform.admin.reject')}
                      </Button>
                    )}
                    {a.status === 'approved' && (
                      <Button size="small" type="danger" loading={busy === a.id} onClick={() => act(a, 'suspend')}>
                        {t('openPlatform.admin.suspend')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )
      }
    </LoadView>
  );
}
