import { afterEach, describe, expect, it } from 'vitest';
import { autoreplyToForm, formToAutoreply, type AutoreplyForm } from '@/components/settings/autoreply-form';
import { autoreplyProblem } from '@/lib/settings/autoreplies';

const form: AutoreplyForm = {
  isEnabled: true,
  firstDay: '2026-12-01',
  lastDay: '2026-12-05',
  subject: ' Away ',
  html: '<p>Back on the <strong>6th</strong>.</p>',
  text: 'Back on the 6th.',
  addSignature: true,
};
const zone = process.env.TZ;

afterEach(() => {
  process.env.TZ = zone;
});

describe('the autoreply form', () => {
  it.each(['UTC', 'Europe/Moscow', 'America/Los_Angeles', 'Pacific/Kiritimati'])('turns whole local days into UTC instants and back in %s', (tz) => {
    process.env.TZ = tz;
    const autoreply = formToAutoreply(form);
    // The last day is included: the server stops at the next local midnight.
    expect(new Date(autoreply.fromDate!).getHours()).toBe(0);
    expect(Date.parse(autoreply.toDate!) - Date.parse(autoreply.fromDate!)).toBe(5 * 24 * 3600_000);
    expect(autoreply.subject).toBe('Away');
    expect(autoreplyToForm(autoreply, new Date())).toEqual({ ...form, subject: 'Away' });
  });

  it('starts today when no start is set, and has no end when none is set', () => {
    const now = new Date(2026, 10, 29, 15, 30);
    expect(autoreplyToForm({ isEnabled: false, fromDate: null, toDate: null, subject: '', textBody: '', htmlBody: null, addSignature: true }, now)).toMatchObject({ firstDay: '2026-11-29', lastDay: '' });
    expect(formToAutoreply({ ...form, lastDay: '' }).toDate).toBeNull();
  });

  it('a last day before the first, or the same day as the first, are told apart', () => {
    expect(autoreplyProblem(formToAutoreply({ ...form, lastDay: '2026-11-30' }))).toBe('autoreplyEndBeforeStart');
    expect(autoreplyProblem(formToAutoreply({ ...form, lastDay: '2026-12-01' }))).toBeNull();
  });

  it('keeps a day that is not a date, so saving says so instead of dropping it', () => {
    expect(autoreplyProblem(formToAutoreply({ ...form, lastDay: '5 Dec' }))).toBe('autoreplyInvalidDate');
  });

  it('keeps the rich message, its text and the signature choice; sanitises through the page\'s cleaner', () => {
    expect(formToAutoreply(form)).toMatchObject({ htmlBody: form.html, textBody: form.text, addSignature: true });
    expect(formToAutoreply({ ...form, addSignature: false }, () => '<p>clean</p>')).toMatchObject({ htmlBody: '<p>clean</p>', addSignature: false });
    // An emptied editor: the cleaner finds nothing, so there is no HTML, only the (empty) text.
    expect(formToAutoreply({ ...form, html: '<p></p>', text: '' }, () => '')).toMatchObject({ htmlBody: null, textBody: '' });
  });

  it('opens a text-only message (from before rich text, or set elsewhere) as the same lines', () => {
    const textOnly = { isEnabled: true, fromDate: null, toDate: null, subject: '', textBody: 'Away <until> Monday.\n\nAnna', htmlBody: null, addSignature: false };
    expect(autoreplyToForm(textOnly, new Date())).toMatchObject({ html: '<p>Away &lt;until&gt; Monday.</p><p><br></p><p>Anna</p>', text: textOnly.textBody, addSignature: false });
  });
});
