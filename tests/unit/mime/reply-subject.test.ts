import { describe, expect, it } from 'vitest';
import { baseSubject, forwardSubject, replySubject } from '@/lib/mime/reply-subject';

describe('replySubject', () => {
  it('adds "Re: " to a fresh subject', () => {
    expect(replySubject('Lunch?')).toBe('Re: Lunch?');
  });

  it('does not stack reply prefixes, whatever their case, spacing or counter', () => {
    for (const subject of ['Re: Lunch?', 'RE: Re: Lunch?', 're:Lunch?', 'RE : Lunch?', 'Re[2]: Lunch?', 'Re(3): Lunch?', 'Re: RE: re: Lunch?']) {
      expect(replySubject(subject)).toBe('Re: Lunch?');
    }
  });

  it('replaces other languages\' reply prefixes with "Re: "', () => {
    for (const subject of ['AW: Lunch?', 'Sv: Lunch?', 'Antw: Lunch?', 'Rif: Lunch?', 'Odp: Lunch?', '回复：Lunch?', 'Aw: RE: Lunch?']) {
      expect(replySubject(subject)).toBe('Re: Lunch?');
    }
  });

  it('handles Cyrillic subjects and prefixes in any case', () => {
    expect(replySubject('Встреча в пятницу')).toBe('Re: Встреча в пятницу');
    expect(replySubject('Ответ: Встреча в пятницу')).toBe('Re: Встреча в пятницу');
    expect(replySubject('ОТВ: Re: Встреча')).toBe('Re: Встреча');
  });

  it('keeps a forward prefix so the reader can tell the thread began as a forward', () => {
    expect(replySubject('Fwd: Report')).toBe('Re: Fwd: Report');
    expect(replySubject('Re: Fwd: Report')).toBe('Re: Fwd: Report');
  });

  it('leaves words that merely start like a prefix, and short ambiguous ones, alone', () => {
    expect(replySubject('Reminder: dentist')).toBe('Re: Reminder: dentist');
    expect(replySubject('R: the language')).toBe('Re: R: the language');
    expect(replySubject('Report re: budget')).toBe('Re: Report re: budget');
  });

  it('trims and collapses whitespace around the prefixes', () => {
    expect(replySubject('   Re:    Re:\t Lunch?  ')).toBe('Re: Lunch?');
  });

  it('gives "Re: " for an empty subject', () => {
    expect(replySubject('')).toBe('Re: ');
    expect(replySubject('Re: ')).toBe('Re: ');
  });
});

describe('forwardSubject', () => {
  it('adds "Fwd: " and does not stack forward prefixes', () => {
    expect(forwardSubject('Report')).toBe('Fwd: Report');
    expect(forwardSubject('Fwd: Fwd: Report')).toBe('Fwd: Report');
    expect(forwardSubject('FW: Report')).toBe('Fwd: Report');
    expect(forwardSubject('WG: Report')).toBe('Fwd: Report');
    expect(forwardSubject('Пересл: Отчёт')).toBe('Fwd: Отчёт');
  });

  it('keeps reply prefixes', () => {
    expect(forwardSubject('Re: Report')).toBe('Fwd: Re: Report');
    expect(forwardSubject('Fwd: Re: Report')).toBe('Fwd: Re: Report');
  });

  it('gives "Fwd: " for an empty subject', () => {
    expect(forwardSubject('')).toBe('Fwd: ');
  });
});

describe('baseSubject', () => {
  it('strips every leading reply and forward prefix, but not later ones', () => {
    expect(baseSubject('Re: Fwd: AW: Отв: Report')).toBe('Report');
    expect(baseSubject('Report: Re: numbers')).toBe('Report: Re: numbers');
  });
});
