import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { format, type Locale, type Localized } from '@dify-console/shared/domain/i18n';
import type { Problem } from '@dify-console/shared/domain/problem';
import { ruleMessage } from '@dify-console/shared/domain/rules';
import { isCloudError } from '../errors/cloud-error';
import { cloudProblem } from '../errors/cloud-problem';
import { isProblemError } from '../errors/problem-error';
import { global } from './global';

/**
 * The one error answer: validation → 400 with issues in the user's language; CloudError → a
 * status chosen from its code with a sentence saying what to do and the cloud request id;
 * anything else → 500 with no internals. Never a stack, a URL or a key.
 */

const MESSAGES = {
  validation: { 'zh-CN': '请求参数有误，请检查后重试', en: 'The request is not valid; check the highlighted values' },
  badRequest: { 'zh-CN': '控制台无法处理这个请求（{code}）', en: 'The console cannot handle this request ({code})' },
  internal: {
    'zh-CN': '控制台内部错误，请查看控制台日志',
    en: 'Something went wrong inside the console; see its log',
  },
  unauthenticated: { 'zh-CN': '请先登录控制台', en: 'Sign in to the console first' },
  csrf: {
    'zh-CN': '请求缺少有效的页面安全令牌（可能来自其他网站，或页面已过期）：请刷新页面后重试',
    en: 'The request lacks a valid page security token (it may come from another site, or the page is stale): reload the page and try again',
  },
  signInThrottled: {
    'zh-CN': '登录尝试过于频繁，请在 {seconds} 秒后重试',
    en: 'Too many sign-in attempts; try again in {seconds} seconds',
  },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;
export const message = (key: MessageKey, locale: Locale, params: Record<string, string> = {}) =>
  format(MESSAGES[key][locale], params);

function validationIssues(err: FastifyError, locale: Locale): Problem['issues'] {
  return (err.validation ?? []).map((v) => ({
    path: v.instancePath
      .split('/')
      .filter(Boolean)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    message: ruleMessage(v.message ?? '', locale),
  }));
}

export const errorHandlerPlugin = global(async (app) => {
  app.setErrorHandler(async (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const locale = req.locale;
    if (hasZodFastifySchemaValidationErrors(error) || Array.isArray(error.validation)) {
      const issues = validationIssues(error, locale);
      req.log.info({ issues }, 'request validation failed');
      return reply.code(400).send({ code: 'ValidationFailed', message: message('validation', locale), issues });
    }
    if (isProblemError(error)) {
      req.log.info({ code: error.problem.code, status: error.status }, 'request refused');
      return reply.code(error.status).send(error.problem);
    }
    if (isCloudError(error)) {
      const { status, problem } = cloudProblem(error, locale);
      const log = status >= 500 ? req.log.error.bind(req.log) : req.log.warn.bind(req.log);
      log({ err: error, cloudCode: error.code, action: error.action, requestId: error.requestId }, 'cloud call failed');
      return reply.code(status).send(problem);
    }
    if (error.code === 'FST_CSRF_MISSING_SECRET' || error.code === 'FST_CSRF_INVALID_TOKEN') {
      req.log.info({ code: error.code }, 'state-changing call without a valid anti-forgery token');
      return reply.code(403).send({ code: 'CsrfTokenInvalid', message: message('csrf', locale) });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status < 500) {
      // Fastify's own client errors (415, 413, malformed JSON…) speak English: their code says which, in brackets.
      const code = error.code || `Http${status}`;
      if (!error.code || code.startsWith('FST_')) {
        req.log.info({ code, status, reason: error.message }, 'request refused');
        return reply.code(status).send({ code, message: message('badRequest', locale, { code }) });
      }
      // A plugin's own refusal (sign-in throttling…), already in the user's language.
      return reply.code(status).send({ code, message: error.message });
    }
    req.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ code: 'Internal', message: message('internal', locale) });
  });
});
