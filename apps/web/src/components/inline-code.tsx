import type { ReactNode } from 'react';

/**
 * A sentence from the BFF with identifiers and commands between backticks (`kubectl …`,
 * `nacos_mcp`): those parts as code, written as they must be typed and read in either language.
 */
export function withCode(text: string): ReactNode[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}
