import type { FormInstance } from 'antd';
import type { ApiError } from '../api-client';

type Issue = { path: (string | number)[]; message: string };

/**
 * Puts the BFF's validation issues back onto the form fields, so the user reads the same
 * message whichever side caught the mistake. An issue path such as
 * `['body', 'parameters', 'postgresPassword']` lands on the deepest segment that names a field;
 * under a nested field (`nested`, e.g. `templateParameters`) the next segment names the value:
 * `['templateParameters', 'LogLevel']`. Returns the issues that matched no field (show them in a
 * general message).
 */
export function applyProblemIssues(
  form: Pick<FormInstance, 'setFields' | 'getFieldsValue'>,
  error: Pick<ApiError, 'issues'>,
  fieldNames: readonly string[] = Object.keys(form.getFieldsValue(true) as object),
  nested: readonly string[] = [],
): Issue[] {
  const known = new Set(fieldNames);
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: Issue[] = [];
  for (const issue of error.issues) {
    const at = issue.path.findLastIndex((p) => typeof p === 'string' && known.has(p));
    const field = issue.path[at];
    const inner = issue.path[at + 1];
    const name = at < 0 || field === undefined ? undefined : nested.includes(String(field)) ? (inner === undefined ? undefined : [field, inner]) : [field];
    if (name === undefined) {
      unmatched.push(issue);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name: name.length === 1 ? name[0]! : name, errors })));
  return unmatched;
}
