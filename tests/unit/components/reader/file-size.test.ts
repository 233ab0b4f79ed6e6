import { expect, it } from 'vitest';
import { fileSize } from '@/components/reader/file-size';

it('writes sizes in the largest unit under 1000, one decimal below 10', () => {
  expect(fileSize(8, 'en')).toBe('8 byte');
  expect(fileSize(1_234, 'en')).toBe('1.2 kB');
  expect(fileSize(25_600_000, 'en')).toBe('26 MB');
  // Unit names come from the ICU data of the runtime; the number's form is the language's.
  expect(fileSize(1_500, 'ru')).toMatch(/^1,5\s\S+$/);
});
