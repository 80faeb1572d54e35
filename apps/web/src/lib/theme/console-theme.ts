import { theme, type ThemeConfig } from 'antd';

/**
 * Colours of text that must read at 4.5:1 against the page (WCAG AA), per scheme. antd's own
 * derive some below that: blue links, tabs and tags at 3–3.5:1 in the dark theme; green, orange
 * and grey words and status tags at 1.9–3.4:1 in the light one. Fills (buttons, the drawing's strokes) keep the
 * brand blue. console-theme.test.ts measures each.
 */
const TEXT: Record<'light' | 'dark', ThemeConfig['token']> = {
  light: {
    colorLink: '#1456e0',
    colorPrimaryText: '#1456e0',
    colorInfoText: '#1456e0',
    // A seed: the words of "processing" tags (Deploying, ACK Pro) are in this colour.
    colorInfo: '#1456e0',
    colorSuccessText: '#237804',
    colorWarningText: '#9a5b00',
    colorErrorText: '#cf1322',
    // Seeds too: status tags (Deployed, failed, warnings) and warning words are drawn in them; their
    // tints stay antd's usual light ones, set here because a darker seed would darken them as well.
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarning: '#9a5b00',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorError: '#cf1322',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorTextTertiary: 'rgba(0, 0, 0, 0.56)',
    colorTextDescription: 'rgba(0, 0, 0, 0.56)',
  },
  dark: {
    // A seed: the dark algorithm darkens it (to #5187dc) and derives the hover from it.
    colorLink: '#5c9bff',
    colorLinkHover: '#8dbbff',
    colorPrimaryText: '#4c8dff',
    colorInfoText: '#4c8dff',
    colorInfo: '#5c9bff',
    colorErrorText: '#e86e6b',
    // A seed: the words of red (failed) tags; the dark algorithm's own is 4:1 on its tint.
    colorError: '#ff7875',
    colorTextTertiary: 'rgba(255, 255, 255, 0.55)',
    colorTextDescription: 'rgba(255, 255, 255, 0.55)',
  },
};

/** The page header's background (the console's own header, not antd's Layout). */
export const headerBackground = (scheme: 'light' | 'dark') => (scheme === 'dark' ? '#141414' : '#ffffff');

/** The console's antd theme: Compute Nest's blue, in the scheme the system asks for. */
export function consoleTheme(scheme: 'light' | 'dark'): ThemeConfig {
  return {
    algorithm: scheme === 'dark' ? theme.darkAlgorithm : theme.defaultAlgorithm,
    // No CSS generated at run time: the components' styles come from antd/dist/antd.css (main.tsx),
    // which reads the tokens below as the CSS variables antd still sets.
    zeroRuntime: true,
    token: { colorPrimary: '#1664ff', borderRadius: 6, ...TEXT[scheme] },
    components: {
      // The selected tab's words: antd colours them with the fill blue, too dark on the dark page.
      Tabs: { itemSelectedColor: TEXT[scheme]?.colorPrimaryText, itemActiveColor: TEXT[scheme]?.colorPrimaryText },
      // The selected outline radio button's words and border: the fill blue too (3:1 on the dark page).
      Radio: { colorPrimary: TEXT[scheme]?.colorPrimaryText },
    },
  };
}
