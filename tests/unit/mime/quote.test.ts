import { describe, expect, it } from 'vitest';
import { attributionParts, formatQuoteDate, forwardHeaderHtml, forwardHeaderText, quoteHtml, quoteText } from '@/lib/mime/quote';

// Noon UTC: the same calendar day in every time zone the tests might run in.
const NOON = Date.UTC(2026, 10, 29, 12, 0);
const alice = { name: 'Alice', email: 'alice@example.com' };

describe('attributionParts', () => {
  it('formats the date for the locale and names the sender with their address', () => {
    const parts = attributionParts(NOON, alice, 'en-GB');
    expect(parts.date).toMatch(/^29 Nov 2026, \d\d:\d\d$/);
    expect(parts.sender).toBe('Alice <alice@example.com>');
    expect(attributionParts(NOON, alice, 'de').date).toMatch(/^29\.11\.2026, \d\d:\d\d$/);
  });

  it('shows the bare address when there is no name, and nothing when there is no sender', () => {
    expect(attributionParts(NOON, { name: '', email: 'bob@example.com' }, 'en').sender).toBe('bob@example.com');
    expect(attributionParts(NOON, { name: 'bob@example.com', email: 'bob@example.com' }, 'en').sender).toBe('bob@example.com');
    expect(attributionParts(NOON, null, 'en').sender).toBe('');
  });

  it('still gives a date for a malformed locale', () => {
    expect(formatQuoteDate(NOON, 'en_GB')).toMatch(/2026/);
  });
});

describe('quoteText', () => {
  it('prefixes every line with "> "', () => {
    expect(quoteText('Hello\nworld')).toBe('> Hello\n> world');
  });

  it('adds one level to lines that are already quoted, without a space', () => {
    expect(quoteText('Sure.\n> Lunch?\n>> Hungry?\n> > spaced')).toBe('> Sure.\n>> Lunch?\n>>> Hungry?\n>> > spaced');
  });

  it('quotes empty lines as ">" and normalises line endings', () => {
    expect(quoteText('a\r\n\r\nb\rc')).toBe('> a\n>\n> b\n> c');
  });

  it('drops trailing line breaks', () => {
    expect(quoteText('a\n\n\n')).toBe('> a');
  });
});

describe('quoteHtml', () => {
  it('puts the attribution above the original in a cite blockquote', () => {
    expect(quoteHtml('<p>Lunch?</p>', 'On 29 Nov, Alice wrote:')).toBe(
      '<p>On 29 Nov, Alice wrote:</p><blockquote type="cite" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex"><p>Lunch?</p></blockquote>',
    );
  });
});

describe('forward headers', () => {
  const labels = { title: 'Weitergeleitete Nachricht', from: 'Von', date: 'Datum', subject: 'Betreff', to: 'An', cc: 'Kopie' };
  const fields = {
    from: [alice],
    date: '29.11.2026, 13:00',
    subject: 'Plan <draft> & "notes"',
    to: [{ name: 'Bob', email: 'bob@example.com' }, { name: '', email: 'carol@example.com' }],
    cc: null,
  };

  it('lists the original fields under the translated labels, leaving out empty ones', () => {
    expect(forwardHeaderText(fields, labels)).toBe(
      [
        '---------- Weitergeleitete Nachricht ----------',
        'Von: Alice <alice@example.com>',
        'Datum: 29.11.2026, 13:00',
        'Betreff: Plan <draft> & "notes"',
        'An: Bob <bob@example.com>, carol@example.com',
      ].join('\n'),
    );
  });

  it('includes Cc when there is one', () => {
    expect(forwardHeaderText({ ...fields, cc: [alice] }, labels)).toContain('\nKopie: Alice <alice@example.com>');
  });

  it('escapes every value and label in HTML', () => {
    const html = forwardHeaderHtml({ ...fields, from: [{ name: '<img src=x onerror=alert(1)>', email: 'evil@example.com' }] }, { ...labels, to: 'An<b>' });
    expect(html).toBe(
      '<p>---------- Weitergeleitete Nachricht ----------<br>' +
        'Von: &lt;img src=x onerror=alert(1)&gt; &lt;evil@example.com&gt;<br>' +
        'Datum: 29.11.2026, 13:00<br>' +
        'Betreff: Plan &lt;draft&gt; &amp; &quot;notes&quot;<br>' +
        'An&lt;b&gt;: Bob &lt;bob@example.com&gt;, carol@example.com</p>',
    );
  });
});
