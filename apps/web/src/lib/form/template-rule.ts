import type { FormRule } from 'antd';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { isRequired, templateValueProblem, type TemplateParameter } from '@dify-console/shared/template/parameter-rules';

/**
 * The service template's own constraints on a field (pattern, lengths, allowed values, numbers),
 * in the template's words and the user's language: the very check the BFF makes.
 */
export function templateRule(parameter: TemplateParameter, locale: Locale): FormRule {
  return {
    required: isRequired(parameter),
    validator: async (_rule, value: unknown) => {
      const problem = templateValueProblem(parameter, value ?? undefined, locale);
      if (problem !== undefined) throw new Error(problem);
    },
  };
}
