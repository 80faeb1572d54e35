import type { FormInstance } from 'antd';
import type { ApiError } from '../api-client';

/**
 * Puts the BFF's validation issues back onto the form fields, so the user reads the same
 * message whichever side caught the mistake. An issue path such as
 * `['body', 'parameters', 'postgresPassword']` lands on the deepest segment that names a field.
 * Returns the issues that matched no field (show them in a general message).
 */
export function applyProblemIssues(
  form: Pick<FormInstance, 'setFields' | 'getFieldsValue'>,
  error: Pick<ApiError, 'issues'>,
  fieldNames: readonly string[] = Object.keys(form.getFieldsValue(true) as object),
): { path: (string | number)[]; message: string }[] {
  const known = new Set(fieldNames);
  const byField = new Map<string, string[]>();
  const unmatched: { path: (string | number)[]; message: string }[] = [];
  for (const issue of error.issues) {
    const field = [...issue.path].reverse().find((p): p is string => typeof p === 'string' && known.has(p));
    if (field === undefined) unmatched.push(issue);
    else byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unmatched;
}
