/**
 * Subjects of replies and forwards. RFC 5322 §3.6.5 suggests "Re: " for replies; clients across
 * languages add their own prefixes, and stacking them ("Re: RE: AW: x") helps nobody. Like
 * Thunderbird, a reply strips only reply prefixes and a forward only forward prefixes, so that
 * "Re: Fwd: x" still tells the reader that the thread began as a forward.
 *
 * Prefixes are matched case-insensitively, with optional spaces before the colon, an optional
 * counter ("Re[2]:", "Re(3):") and a full-width colon (CJK clients). Left out on purpose: "R:"
 * (Italian clients, but also an ordinary subject like "R: the language") and "VS:" (a reply in
 * Finnish but a forward in Danish and Norwegian, so stripping it could lose either meaning).
 */

/** Reply prefixes: English, German (AW), Scandinavian (SV), Dutch (Antw), Russian, Italian (Rif), Polish (Odp), Chinese. */
const REPLY_WORDS = ['re', 'aw', 'sv', 'antw', 'ответ', 'отв', 'rif', 'odp', '回复', '答复'];
/** Forward prefixes: English, German (WG), French Outlook (TR), Russian, Chinese. */
const FORWARD_WORDS = ['fwd', 'fw', 'wg', 'tr', 'пересл', '转发'];

function prefixRun(words: string[]): RegExp {
  return new RegExp(`^(?:\\s*(?:${words.join('|')})\\s*(?:\\[\\d+\\]|\\(\\d+\\))?\\s*[:：])+\\s*`, 'iu');
}

const REPLY_RUN = prefixRun(REPLY_WORDS);
const FORWARD_RUN = prefixRun(FORWARD_WORDS);
const ANY_RUN = prefixRun([...REPLY_WORDS, ...FORWARD_WORDS]);

/** The subject without any leading reply or forward prefixes; for comparing subjects, not for display. */
export function baseSubject(subject: string): string {
  return subject.replace(ANY_RUN, '').trim();
}

/** "Re: x" for "x", "Re: x", "RE: Re: x" and "AW: x"; "Re: Fwd: x" for "Fwd: x". */
export function replySubject(subject: string): string {
  return `Re: ${subject.replace(REPLY_RUN, '').trim()}`;
}

/** "Fwd: x" for "x", "Fwd: x" and "FW: x"; "Fwd: Re: x" for "Re: x". */
export function forwardSubject(subject: string): string {
  return `Fwd: ${subject.replace(FORWARD_RUN, '').trim()}`;
}
