/**
 * The text an editor shows, read from the DOM the way a person would read it: text nodes,
 * emoji images by their `alt`, <br> and block boundaries as line breaks.
 */

const BLOCK_TAGS = new Set(['DIV', 'P', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TR']);

export function isTextField(el: Element): el is HTMLTextAreaElement | HTMLInputElement {
  // Tag names, not instanceof: content scripts and pages see different prototypes.
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
}

export function readEditorText(el: HTMLElement): string {
  if (isTextField(el)) return el.value;
  const out: string[] = [];
  collect(el, out);
  return out.join('');
}

function collect(node: Node, out: string[]): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      out.push((child as Text).data);
    } else if (child.nodeType === 1) {
      const el = child as Element;
      if (el.tagName === 'BR') out.push('\n');
      else if (el.tagName === 'IMG') out.push(el.getAttribute('alt') ?? '');
      else {
        const block = BLOCK_TAGS.has(el.tagName);
        if (block) out.push('\n');
        collect(el, out);
        if (block) out.push('\n');
      }
    }
  }
}
