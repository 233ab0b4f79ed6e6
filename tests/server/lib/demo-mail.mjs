// Builds the demo mailbox as a list of { raw: Buffer, mailbox: 'Inbox' | 'Projects/2026' | ...,
// keywords: {...}, receivedAt: Date } (seed-demo.mjs imports them). Deterministic apart from
// the dates, which are relative to `now`.
import { people, threads, issueThreads, issueComments } from './demo-content.mjs';
import { address, attachment, encodeWords, fold, message, multipart, rfcDate, textPart, resetBoundaries } from './mime.mjs';
import { pdf, png, ics } from './demo-files.mjs';
import { prng } from './prng.mjs';

const HOUR = 3600e3;
const DAY = 24 * HOUR;
const TZ = { default: 60, dave: -300, frank: -480, carol: 0, erin: 0, priya: 330, dmitry: 180, olga: 180, sergey: 180, natasha: 180 };
const FORMAL = new Set(['sergey', 'natasha', 'landlord', 'ops']);
const hasCyrillic = (s) => /[А-яЁё]/.test(s);
const firstName = (p) => p.name.split(' ')[0];

export function buildDemo(meEmail, now = Date.now()) {
  resetBoundaries();
  const rnd = prng(20261129);
  const local = meEmail.split('@')[0];
  const me = { name: local.charAt(0).toUpperCase() + local.slice(1), email: meEmail };
  const who = (k) => (k === 'me' ? me : people[k]);
  const out = [];
  let seq = 0;
  const mid = (tag, domain) => `<${tag}.${(++seq).toString(36)}@${domain}>`;
  const domainOf = (p) => p.email.split('@')[1];
  const at = (agoMs) => new Date(Math.round((now - agoMs) / 1000) * 1000);

  // common headers for one message; opts.charset encodes the 8-bit legacy headers too
  function headers({ from, to = [], cc = [], subject, date, tz = 60, messageId, inReplyTo, refs = [], charset = 'UTF-8', extra = [] }) {
    return [
      ['From', address(from, charset)],
      ['To', to.map((p) => address(p, charset)).join(', ')],
      ['Cc', cc.map((p) => address(p, charset)).join(', ')],
      ['Subject', encodeWords(subject, charset)],
      ['Date', rfcDate(new Date(date.getTime() - 5000 - (seq % 80) * 1000), tz)],
      ['Message-ID', messageId],
      ['In-Reply-To', inReplyTo],
      ['References', refs.length ? fold(refs.join(' ')) : ''],
      ...extra,
    ];
  }
  const push = (raw, mailbox, receivedAt, kw = {}) => out.push({ raw, mailbox, receivedAt, keywords: { ...kw }, convo: null });

  // --- attachments by spec 'kind:filename'
  function files(specs, label) {
    return (specs || []).map((spec) => {
      const [kind, filename] = spec.split(/:(.*)/s);
      if (kind === 'pdf') return attachment(pdf([filename.replace(/\.pdf$/, ''), '', label, 'Generated demo document.']), { type: 'application/pdf', filename });
      if (kind === 'png') {
        const c = [rnd.int(0, 255), rnd.int(0, 255), rnd.int(0, 255)];
        return attachment(png(rnd.int(40, 96), rnd.int(30, 64), c, [255 - c[0], 200, c[2] / 2]), { type: 'image/png', filename });
      }
      if (kind === 'csv') return attachment('team,item,estimate_weeks\nclient,search migration,3\nclient,settings page,2\nserver,calendar support,4\n', { type: 'text/csv', filename, extraType: '; charset=utf-8' });
      return attachment(`${label}\n\n` + Array.from({ length: 40 }, (_, i) => `line ${i + 1}: ok`).join('\n') + '\n', { type: 'text/plain', filename, extraType: '; charset=utf-8' });
    });
  }

  // --- 1. hand-written conversations
  for (const t of threads) {
    const n = t.msgs.length;
    const span = Math.min(t.days * 0.8, n * 0.5) * DAY;
    const weights = t.msgs.map(() => 0.3 + rnd.next());
    const total = weights.reduce((a, b) => a + b, 0);
    let ago = t.days * DAY;
    let prev = null;
    const refs = [];
    const convoMsgs = [];
    t.msgs.forEach(([k, text, opt = {}], i) => {
      if (i > 0) ago -= (weights[i] / total) * span;
      const from = who(k);
      const participants = [...new Set([...t.to, ...(t.cc || []), t.msgs[0][0]])];
      const to = i === 0 ? t.to.map(who) : [who(prev.k)];
      const cc = participants.filter((p) => p !== k && p !== prev?.k && (i === 0 ? (t.cc || []).includes(p) : true)).map(who);
      const ru = hasCyrillic(t.subject);
      const subject = (i ? 'Re: ' : '') + t.subject;
      let body = text;
      if (!ru && i === 0) body = `Hi ${t.to.length > 1 ? 'all' : firstName(to[0])},\n\n${body}`;
      body += FORMAL.has(k) ? (ru ? `\n\nС уважением,\n${from.name}` : `\n\nKind regards,\n${from.name}`) : `\n\n${firstName(from)}`;
      if (prev) {
        const quoteHead = ru ? `${rfcDate(prev.date, prev.tz)}, ${prev.from.name} <${prev.from.email}> пишет:` : `On ${rfcDate(prev.date, prev.tz)}, ${prev.from.name} <${prev.from.email}> wrote:`;
        body += `\n\n${quoteHead}\n` + prev.body.split('\n').map((l) => (l ? '> ' + l : '>')).join('\n');
      }
      const charset = opt.charset || 'UTF-8';
      const tz = TZ[k] ?? TZ.default;
      const messageId = mid(t.slug, domainOf(from));
      const date = at(ago);
      const textEntity = textPart(body, { charset: charset.toLowerCase(), cte: charset === 'koi8-r' ? '8bit' : undefined });
      const entity = opt.attach ? multipart('mixed', [textEntity, ...files(opt.attach, t.subject)]) : textEntity;
      const extra = k === 'sergey' ? [['X-Mailer', 'Microsoft Outlook 16.0']] : k === 'me' ? [['User-Agent', 'mailext demo']] : [];
      const raw = message(headers({ from, to, cc, subject, date, tz, messageId, inReplyTo: prev?.messageId, refs: [...refs], charset, extra }), entity);
      const mailbox = k === 'me' ? 'Sent' : t.folder;
      push(raw, mailbox, date, { $seen: true, ...(opt.flagged ? { $flagged: true } : {}) });
      const rec = out[out.length - 1];
      rec.convo = t.slug;
      rec.incoming = k !== 'me';
      convoMsgs.push(rec);
      refs.push(messageId);
      prev = { k, from, date, tz, messageId, body: text };
    });
    // $answered on the messages I replied to
    convoMsgs.forEach((m, i) => { if (m.incoming && convoMsgs.slice(i + 1).some((x) => !x.incoming)) m.keywords.$answered = true; });
  }

  // --- 2. tracker notification threads: replies reference the issue's first mail
  for (const it of issueThreads) {
    const root = `<mailext/app/issues/${it.n}@tracker.example>`;
    const subject = `[mailext/app] ${it.title} (#${it.n})`;
    const authors = ['frank', 'erin', 'dave', 'bob', 'priya', 'dmitry'];
    for (let c = 0; c <= it.comments; c++) {
      const author = people[authors[(it.n + c) % authors.length]];
      const from = { name: author.name, email: 'notifications@tracker.example' };
      const text = c === 0 ? `${it.title}.\n\nSteps: open the app, wait for the first sync, then follow the title. Expected it to work; it does not.` : issueComments[(it.n + c * 5) % issueComments.length];
      const url = `https://tracker.example/mailext/app/issues/${it.n}${c ? '#comment-' + (it.n * 100 + c) : ''}`;
      const plain = `${text}\n\n--\nReply to this email directly or view it on Tracker:\n${url}\n`;
      const html = `<p>${text.replace(/\n\n/g, '</p><p>')}</p>\n<p style="font-size:small;color:#666">&mdash;<br>Reply to this email directly or <a href="${url}">view it on Tracker</a>.</p>`;
      const date = at(it.days * DAY - c * (it.days * 0.7 / (it.comments + 1)) * DAY);
      const raw = message(headers({
        from, to: [{ name: 'mailext/app', email: 'app@noreply.tracker.example' }], subject: (c ? 'Re: ' : '') + subject, date, tz: 0,
        messageId: c ? `<mailext/app/issues/${it.n}/c${it.n * 100 + c}@tracker.example>` : root,
        inReplyTo: c ? root : undefined, refs: c ? [root] : [],
        extra: [['List-ID', 'mailext/app <app.mailext.tracker.example>'], ['List-Unsubscribe', '<https://tracker.example/unsubscribe>'], ['X-Tracker-Reason', 'subscribed']],
      }), multipart('alternative', [textPart(plain), textPart(html, { subtype: 'html' })]));
      push(raw, it.folder, date, { $seen: true });
      out[out.length - 1].convo = 'issue' + it.n;
      out[out.length - 1].incoming = true;
    }
  }

  // --- 3. HTML newsletters
  const letters = [
    { from: { name: 'Frontend Weekly', email: 'weekly@frontend-weekly.example' }, count: 13, every: 7, first: 0.6, list: 'Frontend Weekly', issue: 291, color: '#1d4ed8',
      title: (n, h) => `Frontend Weekly #${n}: ${h}`, heads: ['CSS anchor positioning is here', 'The state of Web Components', 'Faster builds with Rolldown', 'Service workers, revisited', 'Signals everywhere', 'A guide to View Transitions', 'Shipping less JavaScript', 'Popover API in practice', 'Testing extensions with Playwright', 'What is new in Chrome 131', 'Container queries at scale', 'IndexedDB performance tips', 'Accessibility checklists that work'],
      intro: 'This week in frontend: the articles, tools and releases worth your time.', more: 'Read more', unsub: 'Unsubscribe', lang: 'en' },
    { from: { name: 'ТехноПульс', email: 'digest@technopulse.example' }, count: 13, every: 7, first: 2.4, list: 'TechnoPulse Digest', issue: 118, color: '#b91c1c',
      title: (n, h) => `Дайджест ТехноПульс №${n}: ${h}`, heads: ['как устроен поиск в почте', 'итоги конференции разработчиков', 'новые процессоры и ноутбуки', 'безопасность паролей в 2026 году', 'обзор офлайн-приложений', 'ИИ-помощники для программистов', 'что нового в Linux 6.18', 'почему письма попадают в спам', 'гид по веб-расширениям', 'сравнение облачных хранилищ', 'как выбрать мини-ПК', 'лучшие доклады осени', 'история протокола IMAP'],
      intro: 'Главное за неделю: статьи, новости и обсуждения.', more: 'Читать дальше', unsub: 'Отписаться от рассылки', lang: 'ru' },
    { from: { name: 'Local Events', email: 'hello@cityevents.example' }, count: 13, every: 7, first: 4.1, list: 'Local Events', issue: 52, color: '#047857',
      title: (n, h) => `This weekend: ${h}`, heads: ['jazz in the park', 'the autumn food market', 'open studios in the old town', 'a night at the observatory', 'the harbour festival', 'board game marathon', 'winter lights parade', 'the vintage fair', 'film classics outdoors', 'the climbing wall opens', 'street food Friday', 'the book swap', 'the charity run'],
      intro: 'Hand-picked things to do in your city this weekend.', more: 'Details and tickets', unsub: 'Unsubscribe', lang: 'en' },
  ];
  for (const L of letters) {
    for (let i = 0; i < L.count; i++) {
      const n = L.issue + L.count - 1 - i;
      const head = L.heads[i % L.heads.length];
      const subject = L.title(n, head);
      const date = at((L.first + i * L.every) * DAY + rnd.int(0, 3) * HOUR);
      const items = [head, ...rnd.shuffle(L.heads.filter((h) => h !== head)).slice(0, 3)];
      const base = `https://${L.from.email.split('@')[1]}`;
      const plain = `${subject}\n\n${L.intro}\n\n` + items.map((h, k) => `${k + 1}. ${h[0].toUpperCase() + h.slice(1)}\n   ${base}/${n}/${k + 1}`).join('\n\n') + `\n\n${L.unsub}: ${base}/unsubscribe\n`;
      const html = `<!DOCTYPE html><html lang="${L.lang}"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="margin:0;background:#f3f4f6;font-family:Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff;margin:24px 0">
<tr><td style="background:${L.color};color:#ffffff;padding:20px 24px;font-size:22px;font-weight:bold">${L.from.name} <span style="font-weight:normal;opacity:.8">#${n}</span></td></tr>
<tr><td style="padding:16px 24px;color:#374151">${L.intro}</td></tr>
${items.map((h, k) => `<tr><td style="padding:12px 24px;border-top:1px solid #e5e7eb"><h2 style="margin:0 0 6px;font-size:18px;color:#111827">${h[0].toUpperCase() + h.slice(1)}</h2><p style="margin:0;color:#4b5563">${L.intro}</p><a href="${base}/${n}/${k + 1}" style="color:${L.color}">${L.more} &rarr;</a></td></tr>`).join('\n')}
<tr><td style="padding:16px 24px;font-size:12px;color:#9ca3af;border-top:1px solid #e5e7eb"><a href="${base}/unsubscribe" style="color:#9ca3af">${L.unsub}</a></td></tr>
</table></td></tr></table></body></html>`;
      const raw = message(headers({
        from: L.from, to: [me], subject, date, tz: L.lang === 'ru' ? 180 : 0, messageId: mid('news' + n, L.from.email.split('@')[1]),
        extra: [['List-ID', `${L.list} <news.${L.from.email.split('@')[1]}>`],
          ['List-Unsubscribe', `<${base}/unsubscribe>`], ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'], ['Precedence', 'bulk']],
      }), multipart('alternative', [textPart(plain), textPart(html, { subtype: 'html', cte: 'base64' })]));
      const ageDays = (now - date) / DAY;
      push(raw, ageDays < 21 ? 'Inbox' : i % 3 === 2 ? 'Trash' : 'Archive', date, { $seen: true });
    }
  }
  // HTML-only product updates (no text/plain part at all)
  for (let i = 0; i < 3; i++) {
    const date = at((10 + i * 30) * DAY);
    const subject = ['Cloudnote: offline mode is here', 'Cloudnote: shared notebooks', 'Cloudnote: a faster editor'][i];
    const html = `<html><body style="font-family:Georgia,serif"><h1>${subject.split(': ')[1][0].toUpperCase() + subject.split(': ')[1].slice(1)}</h1><p>We have been busy. Here is <b>what is new</b> in Cloudnote this month.</p><p><a href="https://cloudnote.example/blog/${i}">Read the announcement</a></p></body></html>`;
    push(message(headers({ from: { name: 'Cloudnote', email: 'news@cloudnote.example' }, to: [me], subject, date, tz: -300, messageId: mid('cloudnote', 'cloudnote.example') }),
      textPart(html, { subtype: 'html' })), i === 0 ? 'Inbox' : 'Archive', date, { $seen: true });
  }

  // --- 4. CI notifications, every 1.25 days; failures carry the log
  for (let i = 0; i < 72; i++) {
    const build = 4900 - i * 7;
    const failed = i % 5 === 1;
    const date = at((0.15 + i * 1.25) * DAY);
    const subject = `[mailext] Build #${build} ${failed ? 'failed' : 'passed'} on main`;
    const text = `Build #${build} ${failed ? 'FAILED' : 'passed'} on main (commit ${(build * 2654435761 >>> 0).toString(16).padStart(8, '0')}).\n\nDuration: ${rnd.int(3, 11)} min ${rnd.int(0, 59)} s\nTests: ${1200 + i} ${failed ? `passed, ${rnd.int(1, 4)} failed` : 'passed'}\n\nhttps://builds.example/mailext/${build}\n`;
    const entity = failed ? multipart('mixed', [textPart(text), ...files([`txt:build-${build}.log`], subject)]) : textPart(text);
    const ageDays = (now - date) / DAY;
    push(message(headers({ from: { name: 'CI', email: 'ci@builds.example' }, to: [me], subject, date, tz: 0, messageId: mid('build' + build, 'builds.example'), extra: [['Auto-Submitted', 'auto-generated']] }), entity),
      ageDays < 10 ? 'Inbox' : i % 4 === 3 ? 'Trash' : 'Archive', date, { $seen: true });
  }

  // --- 5. receipts (Receipts folder), some with PDF, one Russian koi8-r, one flagged
  const shops = [
    { from: { name: 'Northwind Books', email: 'orders@northwind-books.example' }, what: 'Order', pdf: true },
    { from: { name: 'Café Aroma', email: 'receipts@cafe-aroma.example' }, what: 'Receipt' },
    { from: { name: 'Metro Transit', email: 'no-reply@metro.example' }, what: 'Monthly pass', pdf: true },
    { from: { name: 'Книжный дом', email: 'chek@knigi.example' }, what: 'Кассовый чек', ru: true },
    { from: { name: 'Cloudhost', email: 'billing@cloudhost.example' }, what: 'Invoice', pdf: true },
    { from: { name: 'Электросбыт', email: 'schet@energo.example' }, what: 'Счёт за электроэнергию', ru: true, charset: 'koi8-r' },
  ];
  for (let i = 0; i < 18; i++) {
    const s = shops[i % shops.length];
    const num = 10400 + i * 37;
    const amount = (rnd.int(300, 9900) / 100).toFixed(2);
    const date = at((1.3 + i * 5) * DAY);
    const no = s.charset === 'koi8-r' ? 'N' : '№'; // KOI8-R has no numero sign
    const subject = s.ru ? `${s.what} ${no} ${num}` : `Your ${s.what.toLowerCase()} #${num}`;
    const text = s.ru ? `Спасибо за покупку!\n\n${s.what} ${no} ${num}\nСумма: ${amount} руб.\nДата: ${date.toISOString().slice(0, 10)}\n\nЭто письмо сформировано автоматически.`
      : `Thank you for your purchase.\n\n${s.what} #${num}\nTotal: $${amount}\nDate: ${date.toISOString().slice(0, 10)}\n\nQuestions? Just reply to this email.`;
    const charset = s.charset || 'utf-8';
    const body = textPart(text, { charset, cte: charset === 'koi8-r' ? '8bit' : 'base64' });
    const entity = s.pdf ? multipart('mixed', [body, attachment(pdf([`${s.from.name}`, `${s.what} #${num}`, `Total: ${amount}`]), { type: 'application/pdf', filename: `receipt-${num}.pdf` })]) : body;
    push(message(headers({ from: s.from, to: [me], subject, date, tz: s.ru ? 180 : 0, messageId: mid('r' + num, s.from.email.split('@')[1]), charset: s.charset || 'UTF-8' }), entity),
      'Receipts', date, { $seen: true, ...(i === 4 ? { $flagged: true } : {}) });
  }

  // --- 6. shipping + account notices + personal one-offs
  const singles = [
    ['Inbox', 0.018, people.bob, 'Quick sync at 4?', 'Do you have 10 minutes at 16:00 to go through the release notes? Just a quick call.'],
    ['Inbox', 0.9, { name: 'Parcelpoint', email: 'track@parcelpoint.example' }, 'Your parcel is out for delivery', 'Good news: your parcel 1Z-48213 will be delivered today between 14:00 and 18:00.'],
    ['Inbox', 2.9, { name: 'Parcelpoint', email: 'track@parcelpoint.example' }, 'Your order has shipped', 'Your order #88214 has shipped. Track it at https://parcelpoint.example/t/1Z-48213'],
    ['Archive', 21, { name: 'Parcelpoint', email: 'track@parcelpoint.example' }, 'Delivered: your parcel 1Z-40077', 'Your parcel was delivered and left with a neighbour at No. 12.'],
    ['Archive', 23, { name: 'Parcelpoint', email: 'track@parcelpoint.example' }, 'Your order has shipped', 'Your order #87090 has shipped. Track it at https://parcelpoint.example/t/1Z-40077'],
    ['Archive', 49, { name: 'СДЭК-Экспресс', email: 'info@dostavka.example' }, 'Ваш заказ доставлен в пункт выдачи', 'Здравствуйте! Заказ № 5521-77 ожидает вас в пункте выдачи на ул. Ленина, 10. Срок хранения 7 дней.'],
    ['Inbox', 0.2, { name: 'Account Security', email: 'security@accounts.example' }, 'New sign-in from Firefox on Linux', 'We noticed a new sign-in to your account from Firefox on Linux. If this was you, you can ignore this email.'],
    ['Archive', 33, { name: 'Account Security', email: 'security@accounts.example' }, 'Your password was changed', 'The password for your account was changed. If you did not do this, reset it now.'],
    ['Trash', 14, { name: 'Госуслуги-демо', email: 'noreply@gos.example' }, 'Код подтверждения: 482913', 'Ваш код подтверждения: 482913. Никому не сообщайте этот код.'],
    ['Trash', 44, { name: 'Streamflix', email: 'hello@streamflix.example' }, 'New this week on Streamflix', 'Three new series and a documentary about deep-sea creatures.'],
    ['Inbox', 1.8, people.priya, 'Coffee next week?', 'Hi! Do you have time for a coffee next week? I would love to hear how you structure the sync code.'],
    ['Inbox', 3.2, { name: 'Tom Becker', email: 'tom.becker@example.net' }, 'Concert tickets for Friday', 'I have two spare tickets for the quartet on Friday. Interested?'],
    ['Inbox', 5.6, people.olga, 'Фото с дачи', 'Привет! Высылаю фотографии с дачи, как обещала. Яблок в этом году очень много!', ['png:Дача-1.png', 'png:Дача-2.png']],
    ['Inbox', 6.5, people.natasha, 'Пропуск в офис', 'Добрый день! Ваш новый пропуск готов, его можно забрать на ресепшене до пятницы.'],
    ['Inbox', 9.3, { name: 'Mum', email: 'mum@family.example' }, 'Sunday lunch', 'Lunch on Sunday at one? Your brother is coming too. Bring dessert if you can!'],
    ['Inbox', 11.4, people.bob, 'Slides from the demo', 'Here are the slides from yesterday, as promised.', ['pdf:Demo-slides.pdf']],
    ['Archive', 27, people.carol, 'Expense report reminder', 'Friendly reminder to submit your expense reports for last month by Wednesday.'],
    ['Archive', 38, { name: 'City Library', email: 'loans@library.example' }, 'Your loan is due soon', '"Piranesi" is due back on the 3rd. You can renew it online once.'],
    ['Archive', 52, people.dmitry, 'Ссылка на запись доклада', 'Привет! Вот запись моего доклада про JMAP: https://video.example/jmap-talk . Буду рад отзывам.'],
    ['Archive', 64, people.frank, 'Old laptop', 'Do you still need the old laptop for testing? Otherwise it goes to recycling next week.'],
    ['Archive', 81, people.erin, 'Notes from the kickoff', 'Attached are my notes from the kickoff meeting.', ['txt:kickoff-notes.txt']],
    ['Projects', 15, people.frank, 'Profiling results for the thread view', 'Rendering a 300-message thread takes 180 ms, most of it in the HTML sanitizer. Flame graph attached.', ['png:flamegraph.png']],
    ['Projects/2026', 4, people.dave, 'Hiring plan 2026', 'Draft hiring plan for 2026: two client engineers, one designer. Comments welcome.', ['pdf:Hiring-plan-2026.pdf']],
  ];
  for (const [mailbox, days, from, subject, text, att] of singles) {
    const date = at(days * DAY);
    const ru = hasCyrillic(subject);
    const body = textPart(`${text}\n\n${firstName(from)}`);
    const entity = att ? multipart('mixed', [body, ...files(att, subject)]) : body;
    push(message(headers({ from, to: [me], subject, date, tz: ru ? 180 : 60, messageId: mid('single', from.email.split('@')[1]) }), entity),
      mailbox, date, { $seen: true });
    out[out.length - 1].incoming = true;
  }

  // --- 7. a calendar invitation (iMIP): text + html + text/calendar; method=REQUEST, plus invite.ics
  {
    const date = at(1.2 * DAY);
    const start = new Date(Math.ceil((now + 3 * DAY) / DAY) * DAY + 9 * HOUR); // in 3-4 days, 09:00 UTC
    const cal = ics({ uid: 'sprint-planning-2026-demo@example.org', summary: 'Sprint planning', description: 'Plan the next two-week sprint.', location: 'Room Atlas / video call',
      start, minutes: 60, organizer: people.carol, attendees: [me, people.bob], stamp: date });
    const when = `${start.toISOString().slice(0, 10)} 09:00-10:00 UTC`;
    const entity = multipart('mixed', [
      multipart('alternative', [
        textPart(`Carol Meyer has invited you to: Sprint planning\n\nWhen: ${when}\nWhere: Room Atlas / video call\n\nPlan the next two-week sprint.\n`),
        textPart(`<p><b>Carol Meyer</b> has invited you to <b>Sprint planning</b></p><p>When: ${when}<br>Where: Room Atlas / video call</p><p>Plan the next two-week sprint.</p>`, { subtype: 'html' }),
        textPart(cal, { subtype: 'calendar', params: '; method=REQUEST' }),
      ]),
      attachment(cal, { type: 'application/ics', filename: 'invite.ics' }),
    ]);
    push(message(headers({ from: people.carol, to: [me, people.bob], subject: `Invitation: Sprint planning @ ${when}`, date, tz: 0, messageId: mid('invite', 'example.org') }), entity),
      'Inbox', date, { $seen: true, $flagged: true });
    out[out.length - 1].incoming = true;
  }

  // --- 8. junk (some legacy-charset Russian spam, a few unread)
  const spam = [
    ['YOU HAVE WON $1,000,000!!!', 'Congratulations! Your email was selected in our international lottery. Send your bank details to claim the prize.', 'UTF-8'],
    ['Double your crypto in 24 hours', 'Our AI trading bot guarantees 200% returns. Limited places, act now!', 'UTF-8'],
    ['Urgent: verify your account', 'Your mailbox will be deleted today. Click here to verify: http://phish.example/verify', 'UTF-8'],
    ['Вы выиграли iPhone!', 'Поздравляем! Вы стали победителем розыгрыша. Для получения приза оплатите доставку.', 'koi8-r'],
    ['Кредит без справок за 5 минут', 'Одобрим любой кредит! Без справок и поручителей. Звоните прямо сейчас!', 'windows-1251'],
    ['Cheap watches, best quality', 'Luxury replica watches at 90% off. Free shipping worldwide.', 'UTF-8'],
    ['Заработок от 100 000 в неделю', 'Работа на дому, всего 2 часа в день. Опыт не нужен.', 'koi8-r'],
    ['Your invoice is attached', 'Please see the attached invoice and pay today to avoid fees.', 'UTF-8'],
    ['Распродажа! Скидки до 90%', 'Только сегодня! Всё по смешным ценам. Успейте купить!', 'windows-1251'],
    ['Re: your order', 'Hello dear, as discussed please confirm the order by replying with your phone number.', 'UTF-8'],
    ['Meet singles in your area', 'Thousands of singles are waiting for you. Sign up free.', 'UTF-8'],
    ['Бесплатный вебинар: как стать миллионером', 'Только для избранных! Регистрация закрывается сегодня в полночь.', 'koi8-r'],
  ];
  spam.forEach(([subject, text, charset], i) => {
    const date = at((0.7 + i * 6.3) * DAY);
    const from = { name: charset === 'UTF-8' ? 'Prize Department' : 'Служба поддержки', email: `promo${i}@spam${i % 3}.example` };
    push(message(headers({ from, to: [me], subject, date, tz: 0, messageId: mid('spam', `spam${i % 3}.example`), charset, extra: [['X-Spam-Flag', 'YES']] }),
      textPart(text, { charset: charset.toLowerCase(), cte: charset === 'UTF-8' ? undefined : '8bit' })), 'Junk', date, i % 3 === 0 ? { $junk: true } : { $seen: true, $junk: true });
  });

  // --- 9. standalone sent mail, incl. a forward with the original attached (message/rfc822)
  const sent = [
    [2.5, people.erin, 'Abstract for the summit talk', 'Here is the first draft of the abstract. Feel free to cut it down.'],
    [7.4, people.dmitry, 'Рекомендация', 'Дмитрий, привет! Как и обещал, отправил рекомендацию в отдел кадров. Удачи!'],
    [13, people.carol, 'Documents for the visa application', 'Carol, attached is the invitation letter the consulate asked for.', ['pdf:Invitation-letter.pdf']],
    [19, people.frank, 'Quick question about rate limits', 'Do we know the request limits of the staging server? I want to size the sync batches.'],
    [29, people.bob, 'Weekend plans', 'Bob, are you still up for the bike tour on Saturday?'],
    [42, people.olga, 'Макеты экрана настроек', 'Оля, посмотрел макеты — очень здорово. Пара замечаний по отступам, обсудим в четверг.'],
    [71, people.landlord, 'Deposit transfer', 'Dear Mr Hale, the deposit has been transferred today. Kind regards.'],
  ];
  for (const [days, to, subject, text, att] of sent) {
    const date = at(days * DAY);
    const body = textPart(`${text}\n\n${me.name}`);
    push(message(headers({ from: me, to: [to], subject, date, tz: 60, messageId: mid('sent', domainOf(me)), extra: [['User-Agent', 'mailext demo']] }),
      att ? multipart('mixed', [body, ...files(att, subject)]) : body), 'Sent', date, { $seen: true });
  }
  {
    const original = out.find((m) => m.mailbox === 'Receipts' && m.raw.includes('Northwind'));
    const date = at(16 * DAY);
    const entity = multipart('mixed', [textPart(`Bob, FYI: the receipt for the team books, forwarded as attachment.\n\n${me.name}`),
      { headers: [['Content-Type', 'message/rfc822'], ['Content-Disposition', 'attachment; filename="receipt.eml"']], body: original.raw }]);
    push(message(headers({ from: me, to: [people.bob], subject: 'Fwd: Your order #10400', date, tz: 60, messageId: mid('fwd', domainOf(me)) }), entity), 'Sent', date, { $seen: true, $forwarded: true });
  }

  // --- 10. one draft
  {
    const date = at(0.3 * DAY);
    push(message(headers({ from: me, to: [people.erin], subject: 'Talk outline (draft)', date, tz: 60, messageId: mid('draft', domainOf(me)) }),
      textPart('Outline:\n1. Why offline-first\n2. JMAP in 5 minutes\n3. Sync engine\n4. Lessons learned\n')), 'Drafts', date, { $seen: true, $draft: true });
  }

  markUnread(out);
  out.sort((a, b) => a.receivedAt - b.receivedAt);
  return out;
}

// 20 unread messages across the 12 most recent Inbox conversations that have something
// unread-able; the newest incoming messages of each are the unread ones.
const UNREAD_PLAN = [3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1];
function markUnread(all) {
  const convos = new Map();
  all.forEach((m, i) => {
    const key = m.convo || 'single' + i;
    if (!convos.has(key)) convos.set(key, { msgs: [], newest: 0 });
    const c = convos.get(key);
    c.msgs.push(m);
    c.newest = Math.max(c.newest, m.receivedAt.getTime());
  });
  const inboxConvos = [...convos.values()].filter((c) => c.msgs.some((m) => m.mailbox === 'Inbox')).sort((a, b) => b.newest - a.newest);
  let k = 0;
  let carry = 0;
  for (const c of inboxConvos) {
    if (k === UNREAD_PLAN.length) break;
    // only what arrived after my last reply: a message I answered has been read
    const lastSent = Math.max(0, ...c.msgs.filter((m) => m.mailbox === 'Sent').map((m) => m.receivedAt.getTime()));
    const candidates = c.msgs.filter((m) => m.mailbox === 'Inbox' && m.receivedAt > lastSent).sort((a, b) => b.receivedAt - a.receivedAt);
    if (!candidates.length) continue;
    const want = UNREAD_PLAN[k++] + carry;
    const take = Math.min(want, candidates.length);
    carry = want - take;
    for (const m of candidates.slice(0, take)) { delete m.keywords.$seen; delete m.keywords.$answered; }
  }
}
