import type { FastifyReply, FastifyRequest } from 'fastify';
import { pino, type DestinationStream, type LoggerOptions } from 'pino';
import { secretParameterNames } from '@dify-console/shared/template/templates';
import { sanitize } from './errors/cloud-error';

/**
 * Structured logs with secrets redacted by path: request credentials, the deployment's NoEcho
 * parameters (one rule, from the shared template), cloud keys; error messages scrubbed of
 * signed URLs, key ids, signatures and tokens.
 */

const SECRET_KEYS = ['accessKeySecret', 'accessKeyId', 'securityToken', 'password', 'token', 'privateKey', 'kubeconfig'];

export function redactPaths(): string[] {
  const params = secretParameterNames();
  return [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-acs-security-token"]',
    'res.headers["set-cookie"]',
    ...params.flatMap((name) => [
      `body.parameters.${name}`,
      `req.body.parameters.${name}`,
      `parameters.${name}`,
      `*.parameters.${name}`,
    ]),
    // The template's own names are known only at run time: the order's `Parameters` object and the
    // drawn parameters' values (which may be NoEcho) are redacted whole.
    ...['Parameters', 'templateParameters'].flatMap((name) => [name, `*.${name}`, `*.*.${name}`, `*.*.*.${name}`]),
    ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
    // The access entry's TLS input (PUT …/access) and a TLS Secret's data: never in a log line.
    ...['body.tls', 'req.body.tls', '*.body.tls'].flatMap((p) => [`${p}.privateKey`, `${p}.certificate`]),
    'data["tls.key"]',
    '*.data["tls.key"]',
  ];
}

/** pino's error serializer, with every message and stack line scrubbed. */
export function errorSerializer(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: sanitize(String(err)) };
  const base = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) {
    // Drop what pop-core hangs on its errors: the signed URL, the request entry, the raw body.
    if (k === 'url' || k === 'entry' || k === 'data' || k === 'result' || k === 'raw') continue;
    out[k] = typeof v === 'string' ? sanitize(v) : v;
  }
  return out;
}

export function loggerOptions(level: string, stream?: DestinationStream): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    redact: { paths: redactPaths(), censor: '[redacted]' },
    serializers: { err: errorSerializer, error: errorSerializer },
    ...(stream ? { stream } : {}),
  };
}

/** Requests answered without a line of their own (a throttled sign-in after the first of its window). */
const quiet = new WeakSet<FastifyRequest>();
export const logQuietly = (req: FastifyRequest) => void quiet.add(req);

/**
 * One line per request at info, when it is answered: method, URL, status, time (Fastify's own
 * two lines per request are off). Successes are sampled (`sample` of them, 0…1); every 4xx and
 * 5xx is logged, but those marked quiet. Headers and bodies are not in it (the redaction above
 * still holds for any field).
 */
export function requestLogHook(sample: number, random: () => number = Math.random) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const status = reply.statusCode;
    if (quiet.has(req)) return;
    if (status < 400 && sample < 1 && !(random() < sample)) return;
    req.log.info(
      {
        req: { method: req.method, url: req.url, remoteAddress: req.ip },
        res: { statusCode: status },
        responseTime: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  };
}
