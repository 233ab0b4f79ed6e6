/** How we authenticate to a JMAP server: HTTP Basic (user + password) or a Bearer token. */
export type JmapAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string };

export function authorizationHeader(auth: JmapAuth): string {
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  // btoa only takes Latin-1; encode the UTF-8 bytes so non-ASCII passwords work.
  const bytes = new TextEncoder().encode(`${auth.username}:${auth.password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
