/**
 * antd's built-in icons name themselves in English for screen readers (`role="img"
 * aria-label="down"`, "eye-invisible", "close-circle"…). Each of them sits next to a text or
 * inside a control that has its own name in the user's language, so they are decoration: hidden
 * from the accessibility tree, in both languages, as they appear.
 */
const ICON = '.anticon[role="img"][aria-label]';

export function quietIcons(root: ParentNode): void {
  for (const icon of root.querySelectorAll(ICON)) {
    icon.removeAttribute('aria-label');
    icon.removeAttribute('role');
    icon.setAttribute('aria-hidden', 'true');
  }
}

/** Keeps every antd icon under `root` quiet, now and as the page changes. */
export function keepIconsQuiet(root: HTMLElement): () => void {
  quietIcons(root);
  const observer = new MutationObserver(() => quietIcons(root));
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  return () => observer.disconnect();
}
