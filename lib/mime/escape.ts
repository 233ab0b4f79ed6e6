/**
 * Escaping for text put into HTML we generate (quote attributions, forward headers, plain text
 * turned rich). Named entities so that the output stays readable in a message's source.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
