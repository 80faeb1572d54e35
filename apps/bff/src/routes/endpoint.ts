import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Endpoint } from '@dify-console/shared/api/contract';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { ProblemSchema } from '@dify-console/shared/domain/problem';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface EndpointRequest<E extends Endpoint> {
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
  locale: Locale;
}

/**
 * Registers a route FROM a shared endpoint object: method, path, and the zod schemas that both
 * validate the request and serialise the response. The contract is the single source of truth.
 */
export function registerEndpoint<E extends Endpoint>(
  app: FastifyInstance,
  endpoint: E,
  handler: (req: EndpointRequest<E>) => Promise<z.output<E['response']>>,
  options: { public?: true } = {},
): void {
  const tag = endpoint.path.split('/')[3] ?? 'api';
  app.withTypeProvider<ZodTypeProvider>().route({
    method: endpoint.method,
    url: endpoint.path,
    // Protected (a session when the console asks for one) unless the route says otherwise.
    config: { public: options.public === true },
    schema: {
      summary: endpoint.summary,
      tags: [tag],
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(endpoint.query ? { querystring: endpoint.query } : {}),
      ...(endpoint.body ? { body: endpoint.body } : {}),
      response: { 200: endpoint.response, '4xx': ProblemSchema, '5xx': ProblemSchema },
    },
    handler: async (req) =>
      handler({
        params: req.params as Out<E['params']>,
        query: req.query as Out<E['query']>,
        body: req.body as Out<E['body']>,
        locale: req.locale,
      }),
  });
}
