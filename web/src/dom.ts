/**
 * A tiny element builder. Children that are strings become text nodes, so data from the server is never parsed
 * as HTML: this module is the only place the dashboard creates elements, and it has no innerHTML.
 */
export type Child = Node | string | null | undefined | false;

export interface ElementProps {
  class?: string;
  testid?: string;
  attrs?: Record<string, string>;
}

export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.testid) element.dataset.testid = props.testid;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
};

/** The element with this id, checked to be of the expected kind: the page and the script must agree. */
export const byId = <T extends HTMLElement>(id: string, kind: new () => T): T => {
  const element = document.getElementById(id);
  if (!(element instanceof kind)) throw new Error(`the page has no <${kind.name}> #${id}`);
  return element;
};

/**
 * Runs a re-render and gives the focus back to where the admin was: the caret in the textarea they were typing in
 * (found again by its id), or the same control of the same complaint in the same lane (found by its test id): live
 * updates must neither eat a half-written response nor throw a keyboard user back to the top of the page.
 */
export const keepingFocus = (render: () => void): void => {
  const active = document.activeElement;
  const typing = active instanceof HTMLTextAreaElement && active.id ? active : null;
  const selection = typing ? [typing.selectionStart, typing.selectionEnd] : null;
  const control = !typing && active instanceof HTMLElement ? controlKey(active) : null;
  render();
  if (control && !control.element.isConnected) {
    const again = document.querySelector<HTMLElement>(control.selector);
    if (again && !(again as HTMLButtonElement).disabled) again.focus();
    return;
  }
  if (!typing || !selection || typing.isConnected) return;
  const again = document.getElementById(typing.id);
  if (!(again instanceof HTMLTextAreaElement) || again.disabled) return;
  again.focus();
  again.setSelectionRange(selection[0], selection[1]);
};

/** How to find a focused control again after its complaint was rendered anew: lane, complaint, control. */
const controlKey = (element: HTMLElement): { element: HTMLElement; selector: string } | null => {
  const testid = element.dataset.testid;
  const holder = element.closest<HTMLElement>('[data-tweet-id]');
  const section = holder?.closest<HTMLElement>('section[id]');
  if (!testid || !holder?.dataset.tweetId || !section) return null;
  return {
    element,
    selector: `#${CSS.escape(section.id)} [data-tweet-id="${CSS.escape(holder.dataset.tweetId)}"] [data-testid="${CSS.escape(testid)}"]`,
  };
};
