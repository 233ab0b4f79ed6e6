/** JSON Pointer escaping (RFC 6901) of a key inside a JMAP patch path such as `keywords/<keyword>`. */
export function pointerKey(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
