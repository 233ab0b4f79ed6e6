/**
 * Tags inside the settings document: one nested map per tag, keyed by its keyword, so that a tag
 * is the same tag on every device and for every other client that sets that keyword. Each field
 * (name, colour, order) merges on its own: a rename in one browser and a recolour in another both
 * survive. Two browsers that create a tag with the same keyword at the same time end up with one
 * tag (one creation wins as a whole): the same keyword on messages means the same tag.
 */
import * as Y from 'yjs';
import { isValidKeyword, keywordForName, normalizeKeyword } from './keywords';

export interface Tag {
  keyword: string;
  name: string;
  /** `#rrggbb` */
  colour: string;
  /** Position in the user's list; only the relative order means anything. */
  order: number;
}

export type TagInput = Pick<Tag, 'name' | 'colour'>;

export class SettingsInputError extends Error {
  constructor(
    readonly code: 'emptyName' | 'invalidColour' | 'invalidKeyword' | 'unknownTag' | 'invalidAddress',
    message: string,
  ) {
    super(message);
    this.name = 'SettingsInputError';
  }
}

const MAX_NAME_LENGTH = 100;
const COLOUR = /^#[0-9a-f]{6}$/;
/** Below this gap between neighbours, reordering renumbers the list instead of halving. */
const MIN_ORDER_GAP = 1e-9;

function checkedName(name: string): string {
  const trimmed = name.trim().slice(0, MAX_NAME_LENGTH);
  if (!trimmed) throw new SettingsInputError('emptyName', 'A tag needs a name');
  return trimmed;
}

function checkedColour(colour: string): string {
  const lower = colour.toLowerCase();
  if (!COLOUR.test(lower)) throw new SettingsInputError('invalidColour', `Not a #rrggbb colour: ${colour}`);
  return lower;
}

function readTag(keyword: string, fields: Y.Map<unknown>): Tag {
  const name = fields.get('name');
  const colour = fields.get('colour');
  const order = fields.get('order');
  return {
    keyword,
    name: typeof name === 'string' && name ? name : keyword,
    colour: typeof colour === 'string' && COLOUR.test(colour) ? colour : '#808080',
    order: typeof order === 'number' && Number.isFinite(order) ? order : 0,
  };
}

function byOrder(a: Tag, b: Tag): number {
  return a.order - b.order || (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0);
}

export class Tags {
  constructor(
    private readonly doc: Y.Doc,
    private readonly map: Y.Map<Y.Map<unknown>>,
  ) {}

  /** All tags in the user's order. */
  list(): Tag[] {
    return [...this.map.entries()].map(([keyword, fields]) => readTag(keyword, fields)).sort(byOrder);
  }

  get(keyword: string): Tag | undefined {
    const fields = this.map.get(normalizeKeyword(keyword));
    return fields && readTag(normalizeKeyword(keyword), fields);
  }

  /** A new tag with a keyword made from its name; it goes to the end of the list. */
  create(input: TagInput): Tag {
    const name = checkedName(input.name);
    return this.insert(keywordForName(name, this.map.keys()), name, checkedColour(input.colour));
  }

  /**
   * A tag for a keyword another client sets (e.g. Thunderbird's `$label1`), so that it can be
   * shown and edited like ours. An existing tag with that keyword is returned unchanged.
   */
  adopt(keyword: string, input: TagInput): Tag {
    if (!isValidKeyword(keyword)) throw new SettingsInputError('invalidKeyword', `Not a valid keyword: ${keyword}`);
    return this.get(keyword) ?? this.insert(normalizeKeyword(keyword), checkedName(input.name), checkedColour(input.colour));
  }

  rename(keyword: string, name: string): void {
    this.fields(keyword).set('name', checkedName(name));
  }

  recolour(keyword: string, colour: string): void {
    this.fields(keyword).set('colour', checkedColour(colour));
  }

  /** Moves a tag to `index` in the list as it is without it. */
  move(keyword: string, index: number): void {
    const moving = this.fields(keyword);
    const others = this.list().filter((t) => t.keyword !== normalizeKeyword(keyword));
    const at = Math.max(0, Math.min(index, others.length));
    const before = others[at - 1]?.order;
    const after = others[at]?.order;
    this.doc.transact(() => {
      if (before !== undefined && after !== undefined && after - before < MIN_ORDER_GAP) {
        others.splice(at, 0, readTag(normalizeKeyword(keyword), moving));
        others.forEach((tag, i) => this.map.get(tag.keyword)?.set('order', i + 1));
        return;
      }
      moving.set('order', before === undefined ? (after ?? 1) - 1 : after === undefined ? before + 1 : (before + after) / 2);
    });
  }

  /** Forgets the tag. Removing its keyword from messages is the caller's job (it is mail, not a setting). */
  delete(keyword: string): void {
    this.fields(keyword);
    this.map.delete(normalizeKeyword(keyword));
  }

  private insert(keyword: string, name: string, colour: string): Tag {
    const order = Math.max(0, ...this.list().map((t) => t.order)) + 1;
    const fields = new Y.Map<unknown>();
    this.doc.transact(() => {
      this.map.set(keyword, fields);
      fields.set('name', name);
      fields.set('colour', colour);
      fields.set('order', order);
    });
    return { keyword, name, colour, order };
  }

  private fields(keyword: string): Y.Map<unknown> {
    const fields = this.map.get(normalizeKeyword(keyword));
    if (!fields) throw new SettingsInputError('unknownTag', `No tag with keyword ${keyword}`);
    return fields;
  }
}
