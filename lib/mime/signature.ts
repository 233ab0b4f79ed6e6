/**
 * Where a signature starts in the mail we write: RFC 3676 §4.3's "-- " alone on a line, after an
 * empty one. The HTML is Quill's own (one <p> a line), so the composer's editor keeps it as is.
 */
export const SIGNATURE_SEPARATOR_HTML = '<p><br></p><p>-- </p>';
export const SIGNATURE_SEPARATOR_TEXT = '-- ';
