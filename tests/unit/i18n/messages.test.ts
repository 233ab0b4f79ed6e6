import { describe, expect, it } from 'vitest';
import en from '@/public/_locales/en/messages.json';
import ru from '@/public/_locales/ru/messages.json';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

describe('translations', () => {
  it('have the same keys in English and Russian', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('%s has the same placeholders in both languages and no empty text', (key) => {
    const [english, russian] = [(en as Messages)[key], (ru as Messages)[key]];
    expect(russian.message.trim()).not.toBe('');
    expect(Object.keys(russian.placeholders ?? {}).sort()).toEqual(Object.keys(english.placeholders ?? {}).sort());
    for (const name of Object.keys(english.placeholders ?? {})) expect(russian.message).toContain(`$${name.toUpperCase()}$`);
  });
});
