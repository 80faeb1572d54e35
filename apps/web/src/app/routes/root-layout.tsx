import { theme } from 'antd';
import { NavLink, Outlet, useLocation } from '../../lib/router';
import { LoadBoundary } from '../../components/load-boundary';
import { LanguageSwitch } from '../../components/language-switch';
import { ModeBadge } from '../../features/health/components/mode-badge';
import { LoginGate } from '../../features/session/components/login-gate';
import { useT } from '../../lib/i18n/use-t';
import { headerBackground } from '../../lib/theme/console-theme';
import { useColorScheme } from '../../lib/theme/use-color-scheme';

/**
 * The page: a header with the navigation, and the content. Plain landmarks styled from the theme
 * rather than antd's Layout and Space: the first screen renders (and styles) no more than it shows.
 */
export function RootLayout() {
  const { t } = useT();
  const { token } = theme.useToken();
  const scheme = useColorScheme();
  const location = useLocation();
  const linkStyle = ({ isActive }: { isActive: boolean }) => ({
    color: isActive ? token.colorPrimaryText : token.colorText,
    fontWeight: isActive ? 600 : 400,
    textDecoration: 'none',
  });
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: token.colorBgLayout }}>
      <header
        style={{
          display: 'flex',
          height: 64,
          padding: '0 24px',
          lineHeight: '64px',
          background: headerBackground(scheme),
          color: token.colorText,
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
        <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
          <ModeBadge />
          <LanguageSwitch />
        </div>
      </header>
      <main style={{ flex: 'auto', boxSizing: 'border-box', padding: '24px', maxWidth: 1440, width: '100%', margin: '0 auto' }}>
        {/* A page that fails to load (or fails) says so here; the header stays, another page resets it. */}
        <LoadBoundary resetKey={location.pathname}>
          <LoginGate>
            <Outlet />
          </LoginGate>
        </LoadBoundary>
      </main>
    </div>
  );
}
