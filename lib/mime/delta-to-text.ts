/**
 * Conversions between the composer's rich mode (a Quill 2 Delta) and plain text: deltaToText makes
 * the text/plain alternative of an HTML message (RFC 2046 §5.1.4), textToHtml turns plain-mode text
 * back into something Quill can paste.
 *
 * In a Delta, inline formats (link) sit on the text they format, and a line's block formats (list,
 * indent, blockquote, header, code-block) sit on the "\n" insert that ends the line:
 *
 *   { insert: 'milk' }, { insert: '\n', attributes: { list: 'bullet', indent: 1 } }  →  "  - milk"
 */
import { escapeHtml } from './escape';

export interface DeltaOp {
  insert?: string | Record<string, unknown>;
  attributes?: Record<string, unknown>;
}

type Attributes = Record<string, unknown> | undefined;

interface Run {
  text: string;
  link: string | null;
}

function linkOf(attributes: Attributes): string | null {
  return typeof attributes?.link === 'string' ? attributes.link : null;
}

function embedText(embed: Record<string, unknown>, attributes: Attributes): string {
  if ('image' in embed) return typeof attributes?.alt === 'string' && attributes.alt.trim() ? `[${attributes.alt.trim()}]` : '[image]';
  const value = embed.video ?? embed.formula;
  return typeof value === 'string' ? value : '';
}

/** A link whose text is its address (or its mailto: address) is not written twice. */
function inlineText(runs: Run[]): string {
  let out = '';
  for (let i = 0; i < runs.length; ) {
    // Quill splits a link into several ops when part of it is bold; they are still one link.
    let text = '';
    const { link } = runs[i];
    for (; i < runs.length && runs[i].link === link; i++) text += runs[i].text;
    out += link === null || text === link || `mailto:${text}` === link ? text : `${text} <${link}>`;
  }
  return out;
}

/**
 * Numbering follows the HTML that Quill's getSemanticHTML sends alongside: consecutive list lines
 * form one list, a deeper indent opens a nested list, and the list restarts after any other line or
 * when its type changes at the same depth. Decimal at every depth, as mail readers show nested <ol>s.
 */
class ListCounter {
  private levels: { type: string; count: number }[] = [];

  marker(type: string, depth: number): string {
    this.levels.length = Math.min(this.levels.length, depth + 1);
    if (this.levels[depth]?.type !== type) this.levels[depth] = { type, count: 0 };
    const count = ++this.levels[depth].count;
    if (type === 'ordered') return `${count}.`;
    if (type === 'checked') return '[x]';
    if (type === 'unchecked') return '[ ]';
    return '-';
  }

  reset(): void {
    this.levels = [];
  }
}

function formatLine(text: string, block: Attributes, lists: ListCounter): string {
  if (block?.['code-block']) {
    lists.reset();
    return text;
  }
  const depth = typeof block?.indent === 'number' && block.indent > 0 ? block.indent : 0;
  const indentation = '  '.repeat(depth);
  if (typeof block?.list === 'string') return `${indentation}${lists.marker(block.list, depth)} ${text}`;
  lists.reset();
  if (block?.blockquote) return `> ${indentation}${text}`;
  return indentation + text;
}

/** Trailing spaces removed, at most one blank line in a row, none at either end. */
function tidy(lines: string[]): string {
  const out: string[] = [];
  for (const line of lines.map((l) => l.trimEnd())) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

export function deltaToText(delta: { ops: DeltaOp[] }): string {
  const lines: string[] = [];
  const lists = new ListCounter();
  let runs: Run[] = [];
  for (const op of delta.ops) {
    if (typeof op.insert === 'string') {
      op.insert.split('\n').forEach((part, i) => {
        if (i > 0) {
          lines.push(formatLine(inlineText(runs), op.attributes, lists));
          runs = [];
        }
        if (part) runs.push({ text: part, link: linkOf(op.attributes) });
      });
    } else if (op.insert) {
      runs.push({ text: embedText(op.insert, op.attributes), link: linkOf(op.attributes) });
    }
  }
  // Quill's documents always end in "\n", but a hand-made Delta might not.
  if (runs.length) lines.push(formatLine(inlineText(runs), undefined, lists));
  return tidy(lines);
}

/**
 * Plain text as Quill's own HTML: one <p> a line and <p><br></p> for an empty one, so that pasting
 * it gives back the same lines (a <br> inside a <p> would too, but blank lines between <p>s would
 * be lost). Quill's clipboard collapses runs of spaces, so those become no-break spaces.
 */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => {
      const html = escapeHtml(line).replace(/^ +| {2,}/g, (spaces) => '&nbsp;'.repeat(spaces.length));
      return `<p>${html || '<br>'}</p>`;
    })
    .join('');
}
