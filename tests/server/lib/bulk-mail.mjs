// Synthetic but realistic messages for benchmarks (seed-bulk.mjs): varied senders, sizes
// (~2-20 KB), threads of 1-5 messages with proper Message-ID/In-Reply-To/References,
// some HTML, ~10% unread, ~4% flagged. Deterministic for a given count and seed.
import { address, encodeWords, fold, message, multipart, rfcDate, textPart } from './mime.mjs';
import { prng } from './prng.mjs';

const FIRST = ['Anna', 'Ben', 'Chloe', 'Daniel', 'Emma', 'Felix', 'Grace', 'Hugo', 'Iris', 'Jonas', 'Kate', 'Liam', 'Mia', 'Noah',
  'Olivia', 'Paul', 'Quinn', 'Rosa', 'Sam', 'Tara', 'Umar', 'Vera', 'Will', 'Xenia', 'Yusuf', 'Zoe', 'Алексей', 'Мария', 'Иван', 'Елена'];
const LAST = ['Adams', 'Brown', 'Clark', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen', 'Kowalski', 'Lopez',
  'Müller', 'Novak', 'Olsen', 'Park', 'Rossi', 'Schmidt', 'Tanaka', 'Weber'];
const LAST_RU = ['Волков', 'Соколов', 'Попова', 'Лебедева'];
const TOPICS = ['quarterly numbers', 'the release checklist', 'hiring update', 'server migration', 'design feedback', 'travel plans',
  'budget review', 'customer escalation', 'onboarding docs', 'API deprecation', 'team lunch', 'security audit', 'roadmap draft',
  'invoice question', 'conference booth', 'database backup', 'mobile app crash', 'newsletter copy', 'office move', 'training session'];
const TOPICS_RU = ['отчёт за квартал', 'план релиза', 'миграция сервера', 'командировка', 'бюджет на год', 'новый сотрудник'];
const WORDS = ('the of and to in is that for it with as on be at by this we have from or you will are not can an our all about ' +
  'should would could please thanks update team project meeting review plan release version server client issue change ' +
  'deadline week month customer budget report draft final feedback question answer schedule call today tomorrow next ' +
  'latest numbers data test build deploy fix bug feature design document share attached notes agree suggest').split(' ');
const WORDS_RU = 'и в не на что мы это по как но для все уже отчёт план проект встреча сервер клиент срок неделя данные ошибка решение вопрос'.split(' ');

// marker: a word put into the last message, so a caller can tell when search indexing caught up
export function* bulkMessages({ count, me, seed = 4242, now = Date.now(), spanDays = 365, marker = '' }) {
  const rnd = prng(seed);
  const people = Array.from({ length: 120 }, (_, i) => {
    const ru = i % 10 === 9;
    const name = ru ? `${FIRST[26 + (i % 4)]} ${LAST_RU[i % 4]}` : `${FIRST[i % 26]} ${LAST[(i * 7) % LAST.length]}`;
    return { name, email: `user${i}@corp${i % 6}.example`, ru };
  });
  const sentence = (ru) => {
    const w = ru ? WORDS_RU : WORDS;
    const s = Array.from({ length: rnd.int(6, 18) }, () => rnd.pick(w)).join(' ');
    return s[0].toUpperCase() + s.slice(1) + rnd.pick(['.', '.', '.', '?', '!']);
  };
  const paragraph = (ru) => Array.from({ length: rnd.int(2, 6) }, () => sentence(ru)).join(' ');
  const body = (ru, targetBytes) => {
    const paras = [];
    let len = 0;
    while (len < targetBytes) { const p = paragraph(ru); paras.push(p); len += Buffer.byteLength(p) + 2; }
    return paras.join('\n\n');
  };

  // messages are emitted oldest first; threads interleave like a real mailbox
  const span = spanDays * 86400e3;
  const open = []; // threads that may get another reply
  let threadNo = 0;
  for (let i = 0; i < count; i++) {
    const t = now - span + (span * (i + 0.9 * rnd.next())) / count; // increasing; the last at most span/count before now
    let th;
    if (open.length && rnd.chance(0.55)) {
      th = open[rnd.int(0, open.length - 1)];
    } else {
      const ru = rnd.chance(0.12);
      th = { n: ++threadNo, ru, size: rnd.pick([1, 1, 1, 2, 2, 3, 3, 4, 5]), done: 0, refs: [],
        subject: ru ? `${rnd.pick(TOPICS_RU)} (${threadNo})` : `${rnd.pick(TOPICS)} #${threadNo}`,
        people: [rnd.pick(people), rnd.pick(people)] };
      open.push(th);
    }
    const fromMe = th.done > 0 && rnd.chance(0.3);
    const from = fromMe ? me : th.people[th.done % 2];
    const to = fromMe ? [th.people[0]] : [me];
    const messageId = `<bulk.${i}.${th.n}@${from.email.split('@')[1]}>`;
    const target = Math.round(2000 * Math.pow(10, rnd.next())); // 2-20 KB, log-uniform
    const html = rnd.chance(0.2); // multipart/alternative carries the text twice
    let text = `Hi,\n\n${body(th.ru, (html ? 0.42 : 0.85) * target - 600)}\n\n${from.name}`;
    if (rnd.chance(0.2)) text += `\n--\n${from.name}\nCorp ${from.email.split('@')[1]}\n`;
    if (marker && i === count - 1) text += `\n${marker}\n`;
    const plain = textPart(text, { cte: th.ru ? 'base64' : undefined });
    const entity = html
      ? multipart('alternative', [plain, textPart(`<html><body>${text.split('\n\n').map((p) => `<p>${p}</p>`).join('\n')}</body></html>`, { subtype: 'html', cte: th.ru ? 'base64' : undefined })])
      : plain;
    const date = new Date(Math.floor(t / 1000) * 1000);
    const raw = message([
      ['From', address(from)],
      ['To', to.map((p) => address(p)).join(', ')],
      ['Subject', encodeWords((th.done ? 'Re: ' : '') + th.subject)],
      ['Date', rfcDate(new Date(date.getTime() - 7000), th.ru ? 180 : 0)],
      ['Message-ID', messageId],
      ['In-Reply-To', th.refs[th.refs.length - 1]],
      ['References', th.refs.length ? fold(th.refs.join(' ')) : ''],
    ], entity);
    th.refs.push(messageId);
    th.done++;
    if (th.done >= th.size) open.splice(open.indexOf(th), 1);
    const keywords = {};
    if (fromMe || i < count * 0.9 || rnd.chance(0.5)) keywords.$seen = true; // the newest ~5% is unread
    if (rnd.chance(0.04)) keywords.$flagged = true;
    yield { raw, receivedAt: date, keywords, fromMe };
  }
}
