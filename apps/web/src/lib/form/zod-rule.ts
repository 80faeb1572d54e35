import type { FormRule } from 'antd';
import type { z } from 'zod';
import type { Locale } from '@dify-console/shared/domain/i18n';
import { ruleMessage } from '@dify-console/shared/domain/rules';

/** Antd keeps an empty text box as ''; the shared rules see that as a missing value. */
function normalize(value: unknown): unknown {
  return value === null ? undefined : value;
}

/** Whether the shared rule refuses an absent value (the form then marks the field required). */
export function isRequired(schema: z.ZodType): boolean {
  return !schema.safeParse(undefined).success;
}

/**
 * The one adapter from a shared zod rule to an antd field rule: the first issue's message key
 * becomes the sentence in the user's language, exactly as the BFF would say it.
 */
export function zodRule(schema: z.ZodType, locale: Locale): FormRule {
  return {
    required: isRequired(schema),
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(normalize(value));
      if (result.success) return;
      const first = result.error.issues[0];
      throw new Error(ruleMessage(first?.message ?? 'required', locale));
    },
  };
}
