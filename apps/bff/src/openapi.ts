import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** The OpenAPI document, generated from the shared zod schemas the routes are registered with. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Dify console BFF',
        description: 'Deploys Dify onto existing Alibaba Cloud resources through Compute Nest',
        version: '1.0.0',
      },
    },
    transform: jsonSchemaTransform,
  });
}

export const openApiRoute = async (app: FastifyInstance) => {
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
