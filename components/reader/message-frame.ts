/**
 * Wires a message's sandboxed frame from outside (the frame itself runs no script; it is
 * same-origin only so that this page can read it): its height follows its content, and link
 * clicks (mouse, middle button, Enter) are handed to `open` instead of navigating, so that the
 * page can warn before a deceptive link. Hovering or focusing a link reports its real target.
 */
import { DECEPTIVE_ATTRIBUTE } from '@/lib/security/sanitise';

export interface FrameLink {
  href: string;
  text: string;
  deceptive: boolean;
}

export interface FrameHandlers {
  open(link: FrameLink): void;
  hover(href: string | null): void;
}

/** The link an event happened in. The frame's nodes belong to its own realm, so no instanceof. */
function linkOf(event: Event): Element | null {
  const target = event.target as Partial<Element> | null;
  return typeof target?.closest === 'function' ? target.closest('a[href], area[href]') : null;
}

export function messageFrame(frame: HTMLIFrameElement, initial: FrameHandlers) {
  let handlers = initial;
  let resizes: ResizeObserver | null = null;

  const fit = () => {
    const doc = frame.contentDocument;
    if (!doc?.documentElement) return;
    const height = Math.max(doc.documentElement.getBoundingClientRect().height, doc.body?.scrollHeight ?? 0);
    frame.style.height = `${Math.ceil(height)}px`;
  };
  const follow = (event: MouseEvent) => {
    const link = linkOf(event);
    if (!link || (event.type === 'auxclick' && event.button !== 1)) return;
    event.preventDefault();
    handlers.open({ href: link.getAttribute('href') ?? '', text: (link.textContent ?? '').trim(), deceptive: link.hasAttribute(DECEPTIVE_ATTRIBUTE) });
  };
  const hover = (event: Event) => handlers.hover(linkOf(event)?.getAttribute('href') ?? null);
  const leave = () => handlers.hover(null);

  const wire = () => {
    const doc = frame.contentDocument;
    if (!doc) return;
    doc.addEventListener('click', follow);
    doc.addEventListener('auxclick', follow);
    doc.addEventListener('mouseover', hover);
    doc.addEventListener('focusin', hover);
    doc.addEventListener('focusout', leave);
    doc.documentElement.addEventListener('mouseleave', leave);
    // Images arriving later change the height; their load events do not bubble, so capture.
    doc.addEventListener('load', fit, true);
    resizes?.disconnect();
    resizes = new ResizeObserver(fit);
    resizes.observe(doc.documentElement);
    if (doc.body) resizes.observe(doc.body);
    fit();
  };

  frame.addEventListener('load', wire);
  return {
    update(next: FrameHandlers) {
      handlers = next;
    },
    destroy() {
      frame.removeEventListener('load', wire);
      resizes?.disconnect();
    },
  };
}
