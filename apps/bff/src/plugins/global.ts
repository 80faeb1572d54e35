import type { FastifyPluginAsync, FastifyPluginOptions } from 'fastify';

/** Marks a plugin as not encapsulated (what fastify-plugin does): its hooks apply app-wide. */
export function global<O extends FastifyPluginOptions>(plugin: FastifyPluginAsync<O>): FastifyPluginAsync<O> {
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
