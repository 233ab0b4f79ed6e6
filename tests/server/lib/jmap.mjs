// Minimal JMAP client for the seeders (Node 20 global fetch, HTTP Basic auth).
export async function connect(baseUrl, user, password) {
  const auth = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  const base = baseUrl.replace(/\/+$/, '');
  // /.well-known/jmap redirects to /jmap/ (fetch follows; Authorization is kept on same origin)
  const res = await fetch(`${base}/.well-known/jmap`, { headers: { Authorization: auth } });
  if (res.status === 401) throw new Error(`JMAP login failed for ${user} (401): wrong password or no such user`);
  if (res.status === 503) throw new Error(`JMAP answered 503 for ${user}: user not provisioned (cyrus.sh adduser)`);
  if (!res.ok) throw new Error(`JMAP session at ${base}: HTTP ${res.status} ${await res.text()}`);
  const session = await res.json();
  const accountId = session.primaryAccounts['urn:ietf:params:jmap:mail'];
  const apiUrl = new URL(session.apiUrl, res.url).href;
  const uploadUrl = new URL(session.uploadUrl.replace('{accountId}', encodeURIComponent(accountId)), res.url).href;
  const using = ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail', 'urn:ietf:params:jmap:submission'];

  // call([[name, args, id], ...]) -> methodResponses; a method-level "error" throws
  async function call(methodCalls) {
    const r = await fetch(apiUrl, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ using, methodCalls }),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`JMAP HTTP ${r.status}: ${text.slice(0, 500)}`);
    const { methodResponses } = JSON.parse(text);
    for (const [name, args, id] of methodResponses) {
      if (name === 'error') throw new Error(`JMAP ${id}: ${JSON.stringify(args)}`);
    }
    return methodResponses;
  }
  // one method call -> its result args
  const call1 = async (name, args) => (await call([[name, { accountId, ...args }, '0']]))[0][1];

  async function upload(buf, type = 'message/rfc822') {
    const r = await fetch(uploadUrl, { method: 'POST', headers: { Authorization: auth, 'Content-Type': type }, body: buf });
    if (!r.ok) throw new Error(`upload: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()).blobId;
  }
  return { session, accountId, call, call1, upload, apiUrl };
}

// Runs fn over items with at most `limit` in flight; keeps result order.
export async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => { while (next < items.length) { const i = next++; out[i] = await fn(items[i], i); } };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

// Mailboxes by role and by full path ("Projects/2026")
export async function mailboxes(c) {
  const { list } = await c.call1('Mailbox/get', { properties: ['name', 'parentId', 'role', 'totalEmails', 'unreadEmails', 'totalThreads', 'unreadThreads'] });
  const byId = new Map(list.map((m) => [m.id, m]));
  const fullPath = (m) => (m.parentId ? fullPath(byId.get(m.parentId)) + '/' : '') + m.name;
  for (const m of list) m.path = fullPath(m);
  return list;
}

export const utcDate = (d) => new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');
