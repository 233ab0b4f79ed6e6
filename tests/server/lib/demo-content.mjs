// Hand-written content of the demo mailbox (seed-demo.mjs). Plain data: people and
// conversations. "me" is the seeded user. All other addresses use reserved example domains.

export const people = {
  bob: { name: 'Bob Stone', email: 'bob@example.com' },
  carol: { name: 'Carol Meyer', email: 'carol.meyer@example.org' },
  dave: { name: 'Dave Okafor', email: 'dave@example.net' },
  erin: { name: 'Erin Walsh', email: 'erin.walsh@example.org' },
  frank: { name: 'Frank Li', email: 'frank.li@example.net' },
  priya: { name: 'Priya Raman', email: 'priya@example.org' },
  landlord: { name: 'Martin Hale', email: 'martin.hale@lettings.example' },
  ops: { name: 'Ops Team', email: 'ops@example.org' },
  books: { name: 'Hannah Cole', email: 'hannah.cole@example.net' },
  dmitry: { name: 'Дмитрий Иванов', email: 'dmitry.ivanov@example.net' },
  olga: { name: 'Ольга Смирнова', email: 'olga.smirnova@example.net' },
  sergey: { name: 'Сергей Петров', email: 's.petrov@kontora.example' },
  natasha: { name: 'Наталья Кузнецова', email: 'n.kuznetsova@kontora.example' },
};

// Conversations. Each message: [sender key | 'me', text, options]. Options:
//   attach: ['pdf:Name.pdf' | 'png:name.png' | 'txt:name.txt' | 'csv:name.csv'],
//   charset: 'windows-1251' | 'koi8-r' (8-bit legacy body + subject in that charset),
//   flagged: true. Replies quote the previous message.
// folder: where the others' messages live ('me' messages always go to Sent).
// days: how many days ago the conversation started; gaps between messages are random hours.
export const threads = [
  {
    slug: 'offsite', folder: 'Inbox', days: 2.2, subject: 'Team offsite in Lisbon', to: ['me'], cc: ['bob'],
    msgs: [
      ['carol', "The offsite is confirmed for the second week of March in Lisbon. I've attached the draft agenda.\n\nPlease tell me by Friday whether you need a hotel room and if you have any dietary requirements.", { attach: ['pdf:Offsite-agenda.pdf'], flagged: true }],
      ['me', 'Great news! Yes to the hotel room please, no dietary requirements.\n\nCould we swap the Thursday afternoon session with the roadmap review? Half the team lands late on Wednesday.'],
      ['bob', 'Same for me: room please. +1 on moving the roadmap review.'],
      ['carol', "Done, the roadmap review is now on Friday morning. Rooms are booked for both of you at the Hotel Miradouro, confirmation numbers will follow."],
      ['carol', 'Small update: the dinner on Thursday moved to 20:00 because the restaurant could not take us earlier.'],
    ],
  },
  {
    slug: 'lunch', folder: 'Inbox', days: 0.4, subject: 'Lunch tomorrow?', to: ['me'],
    msgs: [
      ['bob', 'Want to try the new ramen place on Elm Street tomorrow? 12:30?'],
      ['me', 'Sounds good. 12:30 works, I have a call at 14:00 though.'],
      ['bob', "Perfect, we'll be back in time. I'll book a table for two."],
      ['bob', 'Booked. They only had 12:45, hope that is still fine.'],
    ],
  },
  {
    slug: 'flaky', folder: 'Projects', days: 12, subject: 'Flaky test in the sync engine', to: ['me', 'bob'],
    msgs: [
      ['frank', 'The "resumes after offline" test in the sync suite failed 3 times out of 50 on CI last night. Logs attached.\n\nIt looks like a race between the state refresh and the queued Email/set.', { attach: ['txt:ci-run-4812.log'] }],
      ['bob', 'I can reproduce it locally with the CPU throttled. The queued write is sent with the old state string.'],
      ['me', 'That matches what I saw last week. We should re-read the state after the refresh resolves, not before. I will draft a patch.'],
      ['frank', "Thanks. Could you also add a test that runs the two in the opposite order? I'd like to catch it deterministically."],
      ['me', 'Patch is up, with a deterministic test that uses a fake clock. 500 runs green locally.'],
      ['frank', 'Merged. CI has been green for 200 runs since. Closing this one.'],
    ],
  },
  {
    slug: 'virtual', folder: 'Projects', days: 20, subject: 'Design review: message list virtualization', to: ['me'], cc: ['frank'],
    msgs: [
      ['erin', "Here is the sketch for the virtualized message list. Rows have a fixed height of 56 px; thread rows expand inline.\n\nMain open question: do we keep the selection when the list is re-sorted?", { attach: ['png:list-sketch.png'] }],
      ['me', 'Nice. I think the selection should follow the message, not the row index. Otherwise a new mail arriving at the top selects something else.'],
      ['frank', "Agreed. Also worth measuring with 50k messages; the current list starts to stutter around 20k."],
      ['erin', 'Updated the sketch. Selection follows the message id now, and I added a scroll anchor so new mail does not push the view down.', { attach: ['png:list-sketch-v2.png'] }],
    ],
  },
  {
    slug: 'talk', folder: 'Inbox', days: 6, subject: 'Conference talk proposal', to: ['me'],
    msgs: [
      ['erin', 'The call for papers for the Web Engineering Summit closes on the 15th. Should we submit the offline-first mail client talk?', { flagged: true }],
      ['me', 'Yes! I can write the abstract this week. 30 minutes or the 45 minute slot?'],
      ['erin', "Let's aim for 30 minutes, the reviewers like focused talks. I'll draft the outline and send it over."],
    ],
  },
  {
    slug: 'search', folder: 'Projects/2026', days: 30, subject: 'Migrating the search index', to: ['me'],
    msgs: [
      ['frank', 'For the 2026 plan: the local search index has to move to the new storage format. I estimate two weeks including the migration for existing users.'],
      ['me', 'Can we migrate lazily, on first search, instead of at startup? Startup time is already our most criticised metric.'],
      ['frank', 'Lazy migration works if we keep the old reader for a release. I will write down both options.'],
      ['frank', 'Write-up attached. The lazy option costs about three extra days but keeps startup flat.', { attach: ['txt:search-migration-options.txt'] }],
      ['me', "Let's go with the lazy option. I'll put it into the Q1 plan."],
    ],
  },
  {
    slug: 'q1plan', folder: 'Projects/2026', days: 9, subject: 'Q1 2026 planning spreadsheet', to: ['me', 'bob'],
    msgs: [
      ['dave', 'Attached is the first cut of the Q1 plan. Please check your rows, especially the estimates.', { attach: ['csv:q1-2026-plan.csv'] }],
      ['bob', 'My estimates look right. The calendar integration might slip into Q2, the server support is still uncertain.'],
      ['me', 'I added the search migration (3 weeks) and removed the duplicate row for the settings page.'],
    ],
  },
  {
    slug: 'apartment', folder: 'Archive', days: 75, subject: 'Apartment viewing on Saturday', to: ['me'],
    msgs: [
      ['landlord', 'Thank you for your interest in the flat on Harbour Road. Would Saturday at 11:00 suit you for a viewing?'],
      ['me', 'Saturday at 11:00 is perfect, thank you. Is there a parking space included?'],
      ['landlord', 'Yes, one space in the underground garage is included in the rent. See you on Saturday.'],
    ],
  },
  {
    slug: 'bookclub', folder: 'Archive', days: 55, subject: 'Book club: next pick', to: ['me', 'bob', 'carol'],
    msgs: [
      ['books', 'Time to choose the next book! Candidates: "The Left Hand of Darkness", "Piranesi" and "The Overstory". Reply with your vote.'],
      ['carol', 'Piranesi, please. I have heard so much about it.'],
      ['me', 'Piranesi from me too.'],
      ['bob', 'I will go with the majority. Piranesi it is?'],
      ['books', 'Piranesi wins. We meet on the 28th at my place, 19:00.'],
    ],
  },
  {
    slug: 'maint', folder: 'Archive', days: 40, subject: 'Server maintenance window on Friday', to: ['me'],
    msgs: [
      ['ops', 'We will upgrade the staging database on Friday between 22:00 and 23:30 UTC. Staging will be read-only during that time.'],
      ['me', 'Thanks for the heads-up. Will the nightly import job be paused automatically?'],
      ['ops', 'Yes, the scheduler skips jobs while staging is read-only. The upgrade finished on time, everything is back to normal.'],
    ],
  },
  {
    slug: 'welcome', folder: 'Archive', days: 62, subject: 'Welcome to the team, Priya!', to: ['me', 'bob', 'frank'],
    msgs: [
      ['carol', 'Please welcome Priya Raman, who joins us as a product designer today. Priya, welcome aboard!'],
      ['frank', 'Welcome Priya! Ping me if you need anything for the dev setup.'],
      ['priya', 'Thank you all, happy to be here. Looking forward to meeting everyone at lunch.'],
      ['me', 'Welcome, Priya! I will add you to the design review invites.'],
    ],
  },
  {
    slug: 'onboarding', folder: 'Inbox', days: 3.5, subject: 'Your feedback on the onboarding flow', to: ['me'],
    msgs: [
      ['priya', 'I put the new onboarding flow on the staging server. Could you try adding an account from scratch and tell me where you got stuck?'],
      ['me', 'Tried it. The server URL step is confusing: I did not know whether to enter the session URL or just the host name.'],
      ['priya', 'Very helpful, thanks. I will accept both and show an example under the field.'],
    ],
  },
  {
    slug: 'hike', folder: 'Inbox', days: 8, subject: 'Photos from the hike', to: ['me', 'bob'],
    msgs: [
      ['dave', 'Here are a few photos from Sunday. What a view from the ridge!', { attach: ['png:ridge.png', 'png:lake.png'] }],
      ['bob', 'Great shots! The lake one could be a postcard.'],
      ['me', 'Thanks Dave! Same trail again in spring?'],
    ],
  },
  {
    slug: 'invoice', folder: 'Inbox', days: 1.1, subject: 'Invoice INV-2026-114', to: ['me'],
    msgs: [
      ['dave', 'Please find attached the invoice for the November consulting work. Payment terms: 14 days.', { attach: ['pdf:INV-2026-114.pdf'] }],
      ['me', 'Thank you, forwarded to accounting. They pay on Tuesdays.'],
    ],
  },
  // --- Russian conversations
  {
    slug: 'otchet', folder: 'Projects/2026', days: 16, subject: 'Отчёт за октябрь', to: ['me'], cc: ['natasha'],
    msgs: [
      ['sergey', 'Добрый день!\n\nВысылаю отчёт за октябрь. Продажи выросли на 12%, расходы на сервера снизились.\n\nЗамечания присылайте до пятницы.', { attach: ['pdf:Отчёт за октябрь.pdf'], charset: 'windows-1251' }],
      ['me', 'Сергей, спасибо! Посмотрю сегодня вечером.\n\nМожно добавить в отчёт разбивку расходов по регионам?'],
      ['sergey', 'Да, конечно. Обновлённая версия во вложении.', { attach: ['pdf:Отчёт за октябрь (v2).pdf'], charset: 'windows-1251' }],
      ['natasha', 'Коллеги, отчёт согласован, отправляю его руководству.'],
    ],
  },
  {
    slug: 'vstrecha', folder: 'Inbox', days: 1.6, subject: 'Встреча в четверг', to: ['me'],
    msgs: [
      ['olga', 'Привет!\n\nДавай встретимся в четверг в 15:00 и обсудим макеты нового экрана настроек. Тебе удобно?'],
      ['me', 'Привет, Оля! В 15:00 у меня созвон, давай в 16:00?'],
      ['olga', 'Хорошо, в 16:00. Переговорная «Байкал» на третьем этаже.'],
      ['olga', 'P.S. Захвати, пожалуйста, ноутбук с тестовой сборкой.'],
    ],
  },
  {
    slug: 'kazan', folder: 'Inbox', days: 4.5, subject: 'Поездка в Казань', to: ['me'],
    msgs: [
      ['dmitry', 'Привет! Билеты на поезд в Казань на 12-е число я взял. Гостиницу бронируем вместе или каждый сам?'],
      ['me', 'Давай вместе, так проще. Посмотри что-нибудь недалеко от Кремля.'],
      ['dmitry', 'Нашёл гостиницу на улице Баумана, пять минут пешком до Кремля. Бронирую два номера?', { charset: 'koi8-r' }],
      ['me', 'Да, бронируй. Я переведу тебе за свой номер.'],
      ['dmitry', 'Готово, подтверждение пришло. Поезд отходит в 22:10, встречаемся у табло в 21:45.'],
    ],
  },
  {
    slug: 'dogovor', folder: 'Archive', days: 68, subject: 'Договор аренды офиса', to: ['me'],
    msgs: [
      ['natasha', 'Здравствуйте!\n\nНаправляю проект договора аренды офиса на следующий год. Просьба проверить раздел о сроках оплаты.', { attach: ['pdf:Договор аренды 2026.pdf'] }],
      ['me', 'Наталья, добрый день! В пункте 4.2 срок оплаты указан как 5 дней, договаривались о 10. Остальное в порядке.'],
      ['natasha', 'Спасибо, исправила. Договор подписан обеими сторонами.'],
    ],
  },
  {
    slug: 'api', folder: 'Projects', days: 25, subject: 'Вопрос по API синхронизации', to: ['me'],
    msgs: [
      ['dmitry', 'Привет! Мы подключаем наш сервер к клиенту. Клиент ждёт Email/changes или всегда делает полный Email/query?'],
      ['me', 'Привет! Сначала Email/changes; если сервер отвечает cannotCalculateChanges, тогда полный запрос.'],
      ['dmitry', 'Понял. А maxChanges какой передаёте?'],
      ['me', '500. Если hasMoreChanges = true, повторяем запрос, пока не догоним.'],
    ],
  },
  {
    slug: 'dr', folder: 'Archive', days: 47, subject: 'С днём рождения!', to: ['me'],
    msgs: [
      ['olga', 'С днём рождения! 🎉 Желаю отличного года, интересных проектов и побольше путешествий!'],
      ['me', 'Спасибо большое, Оля! Очень приятно 😊'],
      ['olga', 'Тортик в пятницу в офисе, не забудь!'],
    ],
  },
];

// GitHub-style notification threads (same subject, References to the first message)
export const issueThreads = [
  { n: 412, title: 'Sync stalls after the laptop wakes from sleep', folder: 'Inbox', days: 5, comments: 6 },
  { n: 398, title: 'Support JMAP Email/queryChanges for the unified inbox', folder: 'Projects', days: 18, comments: 5 },
  { n: 377, title: 'Attachment download fails for names with spaces', folder: 'Archive', days: 36, comments: 4 },
  { n: 425, title: 'Dark mode: unread badge has too little contrast', folder: 'Inbox', days: 2.7, comments: 3 },
  { n: 360, title: 'Crash when a mailbox is renamed during sync', folder: 'Archive', days: 58, comments: 7 },
  { n: 431, title: 'Keyboard shortcut to archive the selected thread', folder: 'Projects/2026', days: 7, comments: 4 },
  { n: 433, title: 'Show the sender avatar in the thread view', folder: 'Inbox', days: 1.4, comments: 4 },
  { n: 404, title: 'Search does not find Cyrillic words in attachments', folder: 'Projects', days: 15, comments: 5 },
  { n: 389, title: 'Settings page loads slowly with 40 accounts', folder: 'Archive', days: 29, comments: 3 },
];

export const issueComments = [
  'I can reproduce this on the latest build.',
  'Here is a log from the background page, the last request never returns.',
  'This also happens with Chromium 131 on Linux.',
  'Could it be related to the retry logic that landed last week?',
  'A fix is in review, see the linked pull request.',
  'Thanks for the detailed report, that made it easy to track down.',
  'Confirmed fixed in the nightly build. Closing.',
  'Reopening: it still happens when the network changes while syncing.',
  'Added a regression test for this case.',
  'The design team suggests using the accent colour here instead.',
  'Minor nit: the setting should be off by default.',
  '+1, this would save me a lot of clicks every morning.',
];
