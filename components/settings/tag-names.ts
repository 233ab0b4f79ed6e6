/** Tag names are the user's handle on tags: two with the same name could not be told apart in a menu. */
import type { Tag } from '@/lib/settings/tags';

const folded = (name: string) => name.trim().toLocaleLowerCase();

/** Another tag (not `except`) already called `name`, ignoring case and surrounding spaces. */
export function tagNamed(tags: readonly Tag[], name: string, except?: string): Tag | undefined {
  return tags.find((tag) => tag.keyword !== except && folded(tag.name) === folded(name));
}

/** Colours offered for new tags in turn, so that consecutive tags differ. */
export const TAG_PALETTE = ['#1a73e8', '#d93025', '#188038', '#f9ab00', '#9334e6', '#e8710a', '#007b83', '#c5221f'] as const;
