import { negotiateLocale, type Locale } from '@dify-console/shared/domain/i18n';
import { global } from './global';

declare module 'fastify' {
  interface FastifyRequest {
    /** The user's language: `?lang=` first, then Accept-Language (shared negotiateLocale). */
    locale: Locale;
  }
}

export const localePlugin = global(async (app) => {
  app.decorateRequest('locale', 'zh-CN');
  app.addHook('onRequest', async (req) => {
    const query = req.query as Record<string, unknown> | undefined;
    const lang = typeof query?.lang === 'string' ? query.lang : undefined;
    req.locale = negotiateLocale(lang ?? req.headers['accept-language']);
  });
});
