import type { FastifyPluginAsync } from 'fastify';
import { getTemplateForm } from '@dify-console/shared/api/template';
import type { TemplateService } from '../services/template/template.service';
import { registerEndpoint } from './endpoint';

export interface TemplateRoutesOptions {
  templates: TemplateService;
}

export const templateRoutes: FastifyPluginAsync<TemplateRoutesOptions> = async (app, { templates }) => {
  registerEndpoint(app, getTemplateForm, ({ query, locale }) => templates.form(query.templateName, locale));
};
