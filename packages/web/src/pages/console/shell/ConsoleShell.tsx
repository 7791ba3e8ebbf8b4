import '@douyinfe/semi-ui-19/dist/css/semi.min.css';
import '../../../styles/console-shell.css';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { Avatar, Banner, Button, Dropdown, Layout, LocaleProvider, Nav, Skeleton } from '@douyinfe/semi-ui-19';
import zh_CN from '@douyinfe/semi-ui-19/lib/es/locale/source/zh_CN';
import en_US from '@douyinfe/semi-ui-19/lib/es/locale/source/en_US';
import type { User } from '../../../api/types';
import { hasRole, useAuth } from '../../../auth/AuthContext';
import { RequireAuth } from '../../../auth/RequireAuth';
import { setLanguage } from '../../../i18n';

export type ConsoleKind = 'merchant' | 'creator' | 'admin' | 'colonel' | 'mcn';

export interface NavEntry {
  /** Path below the console root ('' for its home). */
  path: string;
  text: string;
  icon: ReactNode;
}

/**
 * The frame of every console: Semi's layout with the left navigation, the top bar (switcher,
 * language, user menu) and the content. Only people with the console's role get in.
 */
export function ConsoleShell(props: {
  kind: ConsoleKind;
  nav: NavEntry[];
  switcher?: ReactNode;
  children: (user: User) => ReactNode;
}) {
  const { i18n } = useTranslation();
  return (
    <LocaleProvider locale={i18n.language === 'en' ? en_US : zh_CN}>
      <RequireAuth fallback={<ShellSkeleton />}>{(user) => <Frame {...props} user={user} />}</RequireAuth>
    </LocaleProvider>
  );
}

function ShellSkeleton() {
  return (
    <div className="cs-loading" aria-busy="true">
      <Skeleton placeholder={<Skeleton.Paragraph rows={6} />} loading active />
    </div>
  );
}

function Frame({
  kind,
  nav,
  switcher,
  children,
  user,
}: {
  kind: ConsoleKind;
  nav: NavEntry[];
  switcher?: ReactNode;
  children: (user: User) => ReactNode;
  user: User;
}) {
  const { t, i18n } = useTranslation();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const root = `/${kind}`;
  const rest = location.pathname.slice(root.length).replace(/^\//, '');
  const selected =
    nav.filter((n) => n.path !== '' && (rest === n.path || rest.startsWith(`${n.path}/`))).map((n) => n.path)[0] ?? '';
  const allowed = hasRole(user, kind);

  return (
    <Layout className="cs-layout">
      <Layout.Sider className="cs-sider" aria-label={t('consoleUi.navLabel')}>
        <Nav
          selectedKeys={[selected]}
          isCollapsed={collapsed}
          onCollapseChange={setCollapsed}
          style={{ height: '100%' }}
          items={nav.map((n) => ({ itemKey: n.path, text: n.text, icon: n.icon }))}
          onSelect={({ itemKey }) => navigate(itemKey ? `${root}/${String(itemKey)}` : root)}
          header={{
            text: t(`consoleUi.title.${kind}`),
            logo: (
              <span className="cs-logo" aria-hidden>
                种
              </span>
            ),
          }}
          footer={{ collapseButton: true }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="cs-header">
          <Link to="/" className="cs-brand">
            {t('app.fullName')}
          </Link>
          <span className="cs-switcher">{allowed ? switcher : null}</span>
          <span className="cs-header-actions">
            <Button
              theme="borderless"
              onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
              aria-label={t('consoleUi.switchLanguage')}
              data-testid="console-lang"
            >
              {i18n.language === 'en' ? '中文' : 'English'}
            </Button>
            <Dropdown
              trigger="click"
              position="bottomRight"
              render={
                <Dropdown.Menu>
                  <Dropdown.Item disabled>{user.login}</Dropdown.Item>
                  <Dropdown.Item onClick={() => navigate('/app')}>{t('consoleUi.toShop')}</Dropdown.Item>
                  <Dropdown.Divider />
                  <Dropdown.Item type="danger" onClick={() => void signOut(() => navigate('/', { replace: true }))}>
                    {t('common.logout')}
                  </Dropdown.Item>
                </Dropdown.Menu>
              }
            >
              {/* A plain element as the trigger: Semi positions the menu from its DOM node (a Button's ref is not one). */}
              <span className="cs-user-trigger">
                <Button
                  theme="borderless"
                  className="cs-user"
                  data-testid="console-user-menu"
                  aria-label={t('consoleUi.userMenu')}
                >
                  <Avatar size="extra-small" color="red">
                    {user.displayName.slice(0, 1)}
                  </Avatar>
                  <span className="cs-user-name" data-testid="display-name">
                    {user.displayName}
                  </span>
                </Button>
              </span>
            </Dropdown>
          </span>
        </Layout.Header>
        <Layout.Content className="cs-content">
          {allowed ? (
            children(user)
          ) : (
            <Banner
              type="warning"
              fullMode={false}
              closeIcon={null}
              title={t('consoleUi.noRoleTitle')}
              description={
                <span>
                  {t('console.noRole', { role: t(`roles.${kind}`) })}{' '}
                  <Link to={`/login?next=/${kind}`}>{t('console.switchAccount')}</Link>
                </span>
              }
            />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
