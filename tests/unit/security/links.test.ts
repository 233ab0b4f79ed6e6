import { describe, expect, it } from 'vitest';
import { isDeceptiveLink } from '@/lib/security/links';

describe('isDeceptiveLink', () => {
  it.each([
    ['paypal.com', 'https://evil.example/login', true],
    ['https://www.paypal.com/signin', 'https://paypal.com.evil.example/', true],
    ['www.bank.example', 'http://bank.example.attacker.example/', true],
    ['support@bank.example', 'https://evil.example/', true],
    ['support@bank.example', 'mailto:phish@evil.example', true],
    ['example.com', 'javascript:alert(1)', true],
  ])('%j → %j is deceptive', (text, href, expected) => {
    expect(isDeceptiveLink(text, href)).toBe(expected);
  });

  it.each([
    ['Read more', 'https://tracker.example/click?id=1'],
    ['example.com', 'https://www.example.com/'],
    ['example.com', 'https://mail.example.com/inbox'],
    ['https://example.com/a', 'https://example.com/b'],
    ['support@bank.example', 'mailto:support@bank.example'],
    ['version 1.2', 'https://example.com/'],
  ])('%j → %j is not', (text, href) => {
    expect(isDeceptiveLink(text, href)).toBe(false);
  });
});
