import { useState, type ReactNode } from 'react';
import { ConfigProvider, theme } from 'antd';
// The ES builds: `antd/locale/*` are CommonJS and bring a second copy of the picker locales.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { ApiError } from '../lib/api-client';
import { MessageProvider } from '../lib/feedback/message';
import { I18nProvider } from '../lib/i18n/i18n-provider';
import { useLocale } from '../lib/i18n/use-t';
import { consoleTheme } from '../lib/theme/console-theme';
import { useColorScheme } from '../lib/theme/use-color-scheme';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not get better by asking again; network errors and 5xx might.
        retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

/** The page's base text in the theme (what antd's App component gave, without its message, notification and modal code). */
function BaseText({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <div style={{ color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily }}>
      {children}
    </div>
  );
}

function ThemedApp({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  const scheme = useColorScheme();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      // "删除", not "删 除": no space inserted into two-character Chinese buttons.
      button={{ autoInsertSpace: false }}
      theme={consoleTheme(scheme)}
    >
      <MessageProvider>
        <BaseText>{children}</BaseText>
      </MessageProvider>
    </ConfigProvider>
  );
}

export function AppProviders({
  children,
  queryClient,
  initialLocale,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
  initialLocale?: Locale;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nProvider initialLocale={initialLocale}>
      <QueryClientProvider client={client}>
        <ThemedApp>{children}</ThemedApp>
      </QueryClientProvider>
    </I18nProvider>
  );
}
