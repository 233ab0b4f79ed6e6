/// <reference types="node" />
import { describe, expect, it } from 'vitest';
import { authorizationHeader } from '../../../lib/jmap/auth';

/** Decodes "Basic <base64>" back to the UTF-8 credentials string. */
function decodeBasic(header: string): string {
  const match = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(header);
  if (!match) throw new Error(`not a Basic header: ${header}`);
  return Buffer.from(match[1], 'base64').toString('utf8');
}

describe('authorizationHeader', () => {
  it('builds a Basic header for an ASCII user and password', () => {
    const header = authorizationHeader({ kind: 'basic', username: 'alice@example.com', password: 's3cret!' });
    expect(header).toBe('Basic YWxpY2VAZXhhbXBsZS5jb206czNjcmV0IQ==');
    expect(decodeBasic(header)).toBe('alice@example.com:s3cret!');
  });

  it('encodes a Cyrillic password as UTF-8 bytes', () => {
    const header = authorizationHeader({ kind: 'basic', username: 'алиса', password: 'пароль-ёж' });
    expect(decodeBasic(header)).toBe('алиса:пароль-ёж');
    // UTF-8, not Latin-1 or UTF-16: 13 two-byte Cyrillic letters plus ':' and '-'.
    const bytes = Buffer.from(header.slice('Basic '.length), 'base64');
    expect(bytes.length).toBe(28);
  });

  it('keeps colons and non-BMP characters in the password', () => {
    const header = authorizationHeader({ kind: 'basic', username: 'bob', password: 'a:b:😀' });
    expect(decodeBasic(header)).toBe('bob:a:b:😀');
  });

  it('builds a Bearer header from the token unchanged', () => {
    expect(authorizationHeader({ kind: 'bearer', token: 'tok.EN-123_~+/=' })).toBe('Bearer tok.EN-123_~+/=');
  });
});
