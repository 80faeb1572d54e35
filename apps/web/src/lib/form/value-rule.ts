import type { FormRule } from 'antd';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { isRequiredRule, ruleMessage, valueProblem, type ValueRule } from '@dify-console/shared/domain/value-rules';

/**
 * A shared value rule as an antd field rule, without zod (the first screen's fields): the
 * problem's key becomes the sentence in the user's language, exactly as the BFF, which checks the
 * zod schema built from the same rule, would say it. Antd keeps a cleared box as null: absent.
 */
export function valueRule(rule: ValueRule, locale: Locale): FormRule {
  return {
    required: isRequiredRule(rule),
    validator: async (_rule, value: unknown) => {
      const problem = valueProblem(rule, value === null ? undefined : value);
      if (problem !== null) throw new Error(ruleMessage(problem, locale));
    },
  };
}
