import { Layout, Space, theme } from 'antd';
import { NavLink, Outlet } from '../../lib/router';
import { LanguageSwitch } from '../../components/language-switch';
import { ModeBadge } from '../../features/health/components/mode-badge';
import { LoginGate } from '../../features/session/components/login-gate';
import { useT } from '../../lib/i18n/use-t';

export function RootLayout() {
  const { t } = useT();
  const { token } = theme.useToken();
  const linkStyle = ({ isActive }: { isActive: boolean }) => ({
    color: isActive ? token.colorPrimaryText : token.colorText,
    fontWeight: isActive ? 600 : 400,
  });
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 24,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <span style={{ fontSize: 16, fontWeight: 600, whiteSpace: 'nowrap', color: token.colorTextHeading }}>
          {t('app.name')}
        </span>
        <nav aria-label={t('app.nav.label')} style={{ display: 'flex', gap: 16, flex: 1 }}>
          <NavLink to="/" end style={linkStyle}>
            {t('app.nav.deploy')}
          </NavLink>
          <NavLink to="/deployments" style={linkStyle}>
            {t('app.nav.deployments')}
          </NavLink>
          <NavLink to="/prerequisites" style={linkStyle}>
            {t('app.nav.prerequisites')}
          </NavLink>
          <NavLink to="/mcp" style={linkStyle}>
            {t('app.nav.mcp')}
          </NavLink>
        </nav>
        <Space size="middle">
          <ModeBadge />
          <LanguageSwitch />
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: '24px', maxWidth: 1440, width: '100%', margin: '0 auto' }}>
        <LoginGate>
          <Outlet />
        </LoginGate>
      </Layout.Content>
    </Layout>
  );
}
