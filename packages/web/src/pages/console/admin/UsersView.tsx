import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Popconfirm, Select, Space, Table, Tag, Toast, Typography } from '@douyinfe/semi-ui-19';
import { IconSearch } from '@douyinfe/semi-icons';
import { consoleApi, type AdminUser } from '../api';
import { CursorPager, useCursorPages } from '../shell/CursorPager';
import { EmptyState, ErrorState, errorText } from '../shell/common';

const GLOBAL_ROLES = ['shopper', 'creator', 'mcn', 'colonel', 'admin'];

/** 用户: find people by login prefix; grant or revoke global roles. */
export function UsersView() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [login, setLogin] = useState('');
  const pages = useCursorPages((cursor) => consoleApi.findUsers(login, cursor), [login]);
  const roleName = (r: string) => t(`roles.${r}`, { defaultValue: r });

  async function change(u: AdminUser, role: string, on: boolean) {
    try {
      await consoleApi.setRole(u.id, role, on);
      Toast.success(t('consoleUi.saved'));
      pages.reload();
    } catch (e) {
      Toast.error(errorText(e, t));
    }
  }

  return (
    <>
      <Typography.Title heading={4} className="cs-page-title">
        {t('consoleUi.nav.users')}
      </Typography.Title>
      <div className="cs-toolbar">
        <Input
          prefix={<IconSearch />}
          aria-label={t('consoleUi.admin.findLogin')}
          placeholder={t('consoleUi.admin.findLogin')}
          value={draft}
          onChange={setDraft}
          onEnterPress={() => setLogin(draft.trim())}
          style={{ width: 280 }}
          showClear
        />
        <Button onClick={() => setLogin(draft.trim())}>{t('consoleUi.search')}</Button>
      </div>
      {pages.error != null ? (
        <ErrorState error={pages.error} onRetry={pages.reload} />
      ) : (
        <Table
          loading={pages.loading}
          rowKey="id"
          pagination={false}
          dataSource={pages.items ?? []}
          empty={<EmptyState title={t('consoleUi.admin.noUsers')} />}
          columns={[
            { title: t('consoleUi.admin.login'), dataIndex: 'login' },
            { title: t('consoleUi.admin.displayName'), dataIndex: 'displayName' },
            {
              title: t('consoleUi.admin.roles'),
              dataIndex: 'roles',
              render: (roles: AdminUser['roles'], u: AdminUser) => (
                <Space wrap>
                  {roles.map((r) =>
                    GLOBAL_ROLES.includes(r.role) ? (
                      <Popconfirm
                        key={r.role}
                        title={t('consoleUi.admin.confirmRevoke', { role: roleName(r.role), login: u.login })}
                        onConfirm={() => void change(u, r.role, false)}
                      >
                        <Tag
                          color="blue"
                          closable
                          onClose={(_v, e) => e?.preventDefault()}
                          style={{ cursor: 'pointer' }}
                        >
                          {roleName(r.role)}
                        </Tag>
                      </Popconfirm>
                    ) : (
                      <Tag key={`${r.role}-${r.shopId ?? ''}`} color="orange">
                        {roleName(r.role)}
                      </Tag>
                    ),
                  )}
                </Space>
              ),
            },
            {
              title: t('consoleUi.admin.grant'),
              dataIndex: 'id',
              render: (_: unknown, u: AdminUser) => {
                const missing = GLOBAL_ROLES.filter((r) => !u.roles.some((x) => x.role === r));
                return missing.length === 0 ? null : (
                  <Select
                    size="small"
                    placeholder={t('consoleUi.admin.grantRole')}
                    style={{ width: 150 }}
                    value={undefined}
                    optionList={missing.map((r) => ({ value: r, label: roleName(r) }))}
                    onChange={(r) => void change(u, String(r), true)}
                    aria-label={t('consoleUi.admin.grantRole')}
                  />
                );
              },
            },
          ]}
        />
      )}
      <CursorPager pages={pages} />
    </>
  );
}
