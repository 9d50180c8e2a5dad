// `npm run chat -- <ussd|whatsapp|sms> --site kijana-ke`: try a site's chat channel without a
// phone. Talks to the real gateway over HTTP exactly as the provider would (Africa's Talking
// forms, signed WhatsApp Cloud API webhooks) and reads the replies the gateway sends later
// from its development sandbox's outbox.
import crypto from 'node:crypto';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEVELOPMENT_SECRET } from '../frontends/chat/src/config';
import { segmentSms, smsEncoding, ussdLength } from '@baobab/channels';

const simulatedChannels = ['ussd', 'whatsapp', 'sms'] as const;
type SimulatedChannel = (typeof simulatedChannels)[number];

const USAGE = `Usage: npm run chat -- <${simulatedChannels.join('|')}> --site <code> [--gateway <url>] [--cms <url>] [--phone <number>]
  --site     the site's code, e.g. kijana-ke (required)
  --gateway  the chat gateway (default http://127.0.0.1:3100)
  --cms      the CMS, to look up the site's channel addresses (default http://127.0.0.1:1337)
  --phone    who you are (default +254700000001)
Type a menu number or any text; "quit" or Ctrl-D ends. WhatsApp bodies are signed with
WHATSAPP_APP_SECRET, and SMS callbacks go to /sms/africastalking/<SMS_WEBHOOK_SECRET>; each
falls back to the gateway's development secret when it is not set.`;

/** A mistake on the command line: one line, the usage, exit 2. */
function usageError(message: string): never {
  console.error(`chat: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Something the simulator cannot work around (a server down or misbehaving): exit 1. */
function fatal(message: string): never {
  console.error(`chat: ${message}`);
  process.exit(1);
}

// ── Flags ───────────────────────────────────────────────────────────────────────────────

const flagsSchema = z.object({
  channel: z.enum(simulatedChannels, {
    error: (issue) => (issue.input === undefined ? `say which channel to simulate: ${simulatedChannels.join(', ')}` : `unknown channel "${String(issue.input)}"; use ${simulatedChannels.join(', ')}`),
  }),
  site: z.string({ error: '--site is required, like --site kijana-ke' }).trim().min(1, '--site must not be empty'),
  gateway: z.url({ protocol: /^https?$/, error: '--gateway must be a URL like http://127.0.0.1:3100' }).default('http://127.0.0.1:3100'),
  cms: z.url({ protocol: /^https?$/, error: '--cms must be a URL like http://127.0.0.1:1337' }).default('http://127.0.0.1:1337'),
  phone: z
    .string()
    .regex(/^\+?[0-9]{7,15}$/, '--phone must be an international number like +254700000001')
    .default('+254700000001')
    .transform((phone) => (phone.startsWith('+') ? phone : `+${phone}`)),
});
type Flags = z.infer<typeof flagsSchema>;

const OPTIONS = {
  site: { type: 'string' },
  gateway: { type: 'string' },
  cms: { type: 'string' },
  phone: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readArgs() {
  try {
    return parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    return usageError(unknown ? `unknown flag ${unknown[1]}` : message);
  }
}

function parseFlags(): Flags {
  const parsed = readArgs();
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (parsed.positionals.length > 1) usageError(`one channel at a time, not "${parsed.positionals.join(' ')}"`);
  const flags = flagsSchema.safeParse({ ...parsed.values, channel: parsed.positionals[0] });
  if (!flags.success) usageError(flags.error.issues.map((issue) => issue.message).join('; '));
  return { ...flags.data, gateway: flags.data.gateway.replace(/\/$/, ''), cms: flags.data.cms.replace(/\/$/, '') };
}

// ── HTTP ────────────────────────────────────────────────────────────────────────────────

const causeSchema = z.object({ code: z.string() });

/** fetch, with a server that does not answer turned into a message that says what to do. */
async function call(url: string, init: RequestInit, server: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = error instanceof Error ? causeSchema.safeParse(error.cause) : null;
    const why = cause?.success ? cause.data.code : error instanceof Error ? error.message : String(error);
    return fatal(`${server} at ${new URL(url).origin} is not reachable (${why}); start it with npm start`);
  }
}

const postForm = (url: string, fields: Record<string, string>) =>
  call(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }, 'the chat gateway');

async function checkGateway(gateway: string): Promise<void> {
  const response = await call(`${gateway}/_baobab/health`, {}, 'the chat gateway');
  if (response.status !== 204) fatal(`${gateway} answered ${response.status} on /_baobab/health; is it the chat gateway?`);
}

// ── The site and its address on the channel ─────────────────────────────────────────────

const channelsSchema = z
  .object({
    ussd: z.object({ serviceCodes: z.array(z.string()).optional() }).optional(),
    sms: z.object({ shortCode: z.string().optional() }).optional(),
    whatsapp: z.object({ phoneNumberId: z.string().optional() }).optional(),
  })
  .nullable()
  .catch(null);

const sitesSchema = z.object({
  data: z.object({ sites: z.array(z.object({ code: z.string(), name: z.string(), channels: channelsSchema })) }),
});
type Site = z.infer<typeof sitesSchema>['data']['sites'][number];

async function findSite(cms: string, code: string): Promise<Site> {
  const response = await call(`${cms}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ sites { code name channels } }' }) }, 'the CMS');
  const answer = sitesSchema.safeParse(await response.json().catch(() => null));
  if (!answer.success) fatal(`${cms}/graphql did not list the sites (HTTP ${response.status}); is it the Baobab CMS?`);
  const { sites } = answer.data.data;
  const site = sites.find((candidate) => candidate.code === code);
  if (!site) usageError(`no site "${code}" at ${cms}; the sites are ${sites.map((candidate) => candidate.code).join(', ') || '(none)'}`);
  return site;
}

const CHANNEL_ADDRESS: Record<SimulatedChannel, string> = { ussd: 'USSD service code', sms: 'SMS short code', whatsapp: 'WhatsApp phone-number id' };

/** Where the provider would deliver this channel's messages for the site, or null when it has none. */
function addressOf(site: Site, channel: SimulatedChannel): string | null {
  const channels = site.channels;
  const address = channel === 'ussd' ? channels?.ussd?.serviceCodes?.[0] : channel === 'sms' ? channels?.sms?.shortCode : channels?.whatsapp?.phoneNumberId;
  return address?.trim() ? address.trim() : null;
}

// ── Reading what the user types ─────────────────────────────────────────────────────────

interface Prompt {
  /** The next line, or null when the user typed quit or Ctrl-D. */
  ask(prompt: string): Promise<string | null>;
  close(): void;
}

function createPrompt(): Prompt {
  const isTerminal = process.stdin.isTTY === true;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: isTerminal });
  rl.on('SIGINT', () => rl.close());
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(prompt) {
      rl.setPrompt(prompt);
      rl.prompt();
      const next = await lines.next();
      if (next.done === true) {
        process.stdout.write('\n');
        return null;
      }
      // Piped input is not echoed by a terminal; echo it so the transcript reads as a conversation.
      if (!isTerminal) process.stdout.write(`${next.value}\n`);
      const line = next.value.trim();
      return line.toLowerCase() === 'quit' ? null : line;
    },
    close: () => rl.close(),
  };
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  │ ${line}`)
    .join('\n');

// ── The sandbox outbox: replies the gateway sent to the "provider" ──────────────────────

const outboxSchema = z.object({
  messages: z.array(z.object({ seq: z.number().int(), channel: z.string(), to: z.string(), payload: z.unknown() })),
});
type OutboxMessage = z.infer<typeof outboxSchema>['messages'][number];

const FIRST_REPLY_MS = 3000;
const QUIET_MS = 600;
const POLL_MS = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readOutbox(gateway: string, to: string, after: number): Promise<OutboxMessage[]> {
  const response = await call(`${gateway}/_sandbox/outbox?${new URLSearchParams({ after: String(after), to })}`, {}, 'the chat gateway');
  if (response.status === 404) fatal(`${gateway} has no provider sandbox, so its replies go to the real provider; run it in development without *_API_URL set`);
  const answer = outboxSchema.safeParse(await response.json().catch(() => null));
  if (!answer.success) fatal(`${gateway}/_sandbox/outbox answered something unexpected (HTTP ${response.status})`);
  return answer.data.messages;
}

/** Follows one reader's outbox: where it stands now, then what arrives after each message sent. */
function followOutbox(gateway: string, channel: 'whatsapp' | 'sms', to: string) {
  let after = 0;
  return {
    async skipOld(): Promise<void> {
      after = Math.max(0, ...(await readOutbox(gateway, to, 0)).map((message) => message.seq));
    },
    /** Polls until replies stop arriving, or FIRST_REPLY_MS pass with none. */
    async replies(): Promise<unknown[]> {
      const payloads: unknown[] = [];
      const started = Date.now();
      let lastArrival: number | null = null;
      for (;;) {
        await sleep(POLL_MS);
        const fresh = await readOutbox(gateway, to, after);
        if (fresh.length > 0) {
          after = Math.max(after, ...fresh.map((message) => message.seq));
          payloads.push(...fresh.filter((message) => message.channel === channel).map((message) => message.payload));
          lastArrival = Date.now();
        }
        if (lastArrival !== null ? Date.now() - lastArrival >= QUIET_MS : Date.now() - started >= FIRST_REPLY_MS) return payloads;
      }
    },
  };
}

// ── USSD ────────────────────────────────────────────────────────────────────────────────

const USSD_ANSWER = /^(CON|END) ([\s\S]*)$/;

/** Africa's Talking's USSD callback: `text` carries every input of the session joined by `*`. */
async function simulateUssd(flags: Flags, site: Site, serviceCode: string, prompt: Prompt): Promise<void> {
  console.log(`USSD ${serviceCode} · ${site.name} (${site.code}) · ${flags.phone} · ${flags.gateway}\nType a number as on a phone ("0" back, "00" home, "98" more); quit or Ctrl-D hangs up.\n`);
  const session = { sessionId: `sim-${crypto.randomUUID()}`, serviceCode, phoneNumber: flags.phone, networkCode: '63902' };
  const inputs: string[] = [];
  const hangUp = async (status: 'Success' | 'Incomplete' | 'Failed') => {
    // What Africa's Talking posts when a session is over; the gateway forgets the session.
    const input = inputs.join('*');
    await postForm(`${flags.gateway}/ussd/africastalking/events`, { ...session, status, input, hopsCount: String(inputs.length + 1), date: new Date().toISOString() });
  };
  for (;;) {
    const response = await postForm(`${flags.gateway}/ussd/africastalking`, { ...session, text: inputs.join('*') });
    const body = await response.text();
    const answer = USSD_ANSWER.exec(body);
    if (response.status !== 200 || !answer) {
      console.log(`✗ the gateway answered HTTP ${response.status} ${JSON.stringify(body.slice(0, 300))}: a phone would show the network's error and drop the session`);
      return hangUp('Failed');
    }
    const [, kind, screen = ''] = answer;
    const isEnd = kind === 'END';
    // The length a network counts: septets in GSM-7, UTF-16 units in UCS-2 (the body after "CON ").
    const size = `${ussdLength(screen)} ${smsEncoding(screen) === 'GSM-7' ? 'GSM-7 septets' : 'UCS-2 code units'}`;
    console.log(`${kind} · ${size}${isEnd ? ' · the session is over' : ''}\n${indent(screen)}`);
    if (isEnd) return hangUp('Success');
    const line = await prompt.ask('reply> ');
    if (line === null) return hangUp('Incomplete');
    inputs.push(line);
  }
}

// ── WhatsApp ────────────────────────────────────────────────────────────────────────────

const waRowSchema = z.object({ id: z.string(), title: z.string(), description: z.string().optional() });
const waMessageSchema = z.union([
  z.object({ type: z.literal('text'), text: z.object({ body: z.string() }) }),
  z.object({ type: z.literal('image'), image: z.object({ link: z.string(), caption: z.string().optional() }) }),
  z.object({
    type: z.literal('interactive'),
    interactive: z.object({
      type: z.literal('list'),
      header: z.object({ text: z.string() }).optional(),
      body: z.object({ text: z.string() }),
      footer: z.object({ text: z.string() }).optional(),
      action: z.object({ button: z.string(), sections: z.array(z.object({ title: z.string().optional(), rows: z.array(waRowSchema) })) }),
    }),
  }),
  z.object({
    type: z.literal('interactive'),
    interactive: z.object({
      type: z.literal('button'),
      header: z.object({ text: z.string() }).optional(),
      body: z.object({ text: z.string() }),
      footer: z.object({ text: z.string() }).optional(),
      action: z.object({ buttons: z.array(z.object({ reply: z.object({ id: z.string(), title: z.string() }) })) }),
    }),
  }),
]);

interface Choice {
  readonly reply: 'list_reply' | 'button_reply';
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

/** Prints one Cloud API message; returns the choices it offers (none for text and images). */
function showWhatsApp(payload: unknown): Choice[] | null {
  const parsed = waMessageSchema.safeParse(payload);
  if (!parsed.success) {
    console.log(`◂ (a message the simulator cannot show)\n${indent(JSON.stringify(payload, null, 2))}`);
    return null;
  }
  const message = parsed.data;
  if (message.type === 'text') {
    console.log(`◂ text · ${message.text.body.length} characters\n${indent(message.text.body)}`);
    return null;
  }
  if (message.type === 'image') {
    console.log(`◂ image ${message.image.link}${message.image.caption ? `\n${indent(message.image.caption)}` : ''}`);
    return null;
  }
  const { interactive } = message;
  const framed = [interactive.header ? `*${interactive.header.text}*` : null, interactive.body.text, interactive.footer ? `_${interactive.footer.text}_` : null]
    .filter((part) => part !== null)
    .join('\n');
  const choices: Choice[] =
    interactive.type === 'list'
      ? interactive.action.sections.flatMap((section) => section.rows.map((row) => ({ reply: 'list_reply' as const, ...row })))
      : interactive.action.buttons.map((button) => ({ reply: 'button_reply' as const, ...button.reply }));
  const kind = interactive.type === 'list' ? `list (button "${interactive.action.button}")` : 'buttons';
  const lines = choices.map((choice, index) => `  [${index + 1}] ${choice.title}${choice.description ? ` — ${choice.description}` : ''}`);
  console.log(`◂ ${kind}\n${indent(framed)}\n${lines.join('\n')}`);
  return choices;
}

function webhookBody(phoneNumberId: string, waId: string, message: Record<string, unknown>): string {
  const envelope = { from: waId, id: `wamid.sim${crypto.randomBytes(12).toString('hex')}`, timestamp: String(Math.floor(Date.now() / 1000)) };
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '0',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Simulator' }, wa_id: waId }],
              messages: [{ ...envelope, ...message }],
            },
          },
        ],
      },
    ],
  });
}

/** The Cloud API webhook, signed as Meta signs it; replies come from the sandbox outbox. */
async function simulateWhatsApp(flags: Flags, site: Site, phoneNumberId: string, prompt: Prompt): Promise<void> {
  const secret = process.env.WHATSAPP_APP_SECRET || DEVELOPMENT_SECRET;
  const waId = flags.phone.slice(1);
  const outbox = followOutbox(flags.gateway, 'whatsapp', waId);
  await outbox.skipOld();
  console.log(`WhatsApp ${phoneNumberId} · ${site.name} (${site.code}) · ${flags.phone} · ${flags.gateway}\nType a choice's [number] to tap it, or any text; quit or Ctrl-D ends.\n`);

  const send = async (message: Record<string, unknown>) => {
    const body = webhookBody(phoneNumberId, waId, message);
    const signature = `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
    const response = await call(`${flags.gateway}/whatsapp/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body }, 'the chat gateway');
    if (response.status === 401) fatal('the gateway refused the signature: set WHATSAPP_APP_SECRET to its app secret');
    if (response.status !== 200) fatal(`the gateway refused the webhook (HTTP ${response.status}): ${(await response.text()).slice(0, 300)}`);
  };

  let choices: Choice[] = [];
  let line: string | null = 'hi';
  console.log('you ▸ hi');
  await send({ type: 'text', text: { body: line } });
  for (;;) {
    const replies = await outbox.replies();
    if (replies.length === 0) console.log(`(no reply within ${FIRST_REPLY_MS / 1000} s; see the gateway's log)`);
    for (const payload of replies) choices = showWhatsApp(payload) ?? choices;
    line = await prompt.ask('you ▸ ');
    if (line === null) return;
    const picked = /^\d+$/.test(line) ? choices[Number(line) - 1] : undefined;
    if (picked) {
      console.log(`      (tapped "${picked.title}")`);
      const reply = { id: picked.id, title: picked.title, ...(picked.description ? { description: picked.description } : {}) };
      await send({ type: 'interactive', interactive: { type: picked.reply, [picked.reply]: reply } });
    } else {
      await send({ type: 'text', text: { body: line } });
    }
  }
}

// ── SMS ─────────────────────────────────────────────────────────────────────────────────

const smsReplySchema = z.object({ message: z.string() });

/** Africa's Talking's inbound SMS form; replies are what the gateway sent to the messaging API. */
async function simulateSms(flags: Flags, site: Site, shortCode: string, prompt: Prompt): Promise<void> {
  const outbox = followOutbox(flags.gateway, 'sms', flags.phone);
  await outbox.skipOld();
  // Africa's Talking calls the URL with the secret in it, as configured in its dashboard.
  const smsSecret = process.env.SMS_WEBHOOK_SECRET || DEVELOPMENT_SECRET;
  console.log(`SMS ${shortCode} · ${site.name} (${site.code}) · ${flags.phone} · ${flags.gateway}\nType a number, MORE, BACK, MENU or any text; quit or Ctrl-D ends.\n`);
  let line: string | null = 'MENU';
  console.log(`you ▸ ${line}`);
  for (;;) {
    const response = await postForm(`${flags.gateway}/sms/africastalking/${smsSecret}`, {
      from: flags.phone,
      to: shortCode,
      text: line,
      date: new Date().toISOString(),
      id: `sim-${crypto.randomUUID()}`,
      linkId: crypto.randomUUID(),
    });
    if (response.status === 401) fatal('the gateway refused the callback URL: set SMS_WEBHOOK_SECRET to its SMS_WEBHOOK_SECRET');
    if (response.status === 429) {
      console.log(`(${(await response.text()).slice(0, 200)})`);
      line = await prompt.ask('you ▸ ');
      if (line === null) return;
      continue;
    }
    if (response.status !== 200) fatal(`the gateway refused the SMS (HTTP ${response.status}): ${(await response.text()).slice(0, 300)}`);
    const replies = await outbox.replies();
    if (replies.length === 0) console.log(`(no reply within ${FIRST_REPLY_MS / 1000} s; see the gateway's log)`);
    for (const payload of replies) {
      const reply = smsReplySchema.safeParse(payload);
      if (!reply.success) {
        console.log(`◂ (an SMS the simulator cannot show) ${JSON.stringify(payload)}`);
        continue;
      }
      const { encoding, parts } = segmentSms(reply.data.message);
      console.log(`◂ SMS · ${reply.data.message.length} characters · ${encoding} · ${parts.length} part${parts.length === 1 ? '' : 's'}\n${indent(reply.data.message)}`);
    }
    line = await prompt.ask('you ▸ ');
    if (line === null) return;
  }
}

// ── Main ────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const flags = parseFlags();
  const site = await findSite(flags.cms, flags.site);
  const address = addressOf(site, flags.channel);
  if (address === null) usageError(`${site.code} has no ${CHANNEL_ADDRESS[flags.channel]}, so it has no ${flags.channel} channel; add one to the site in the CMS`);
  await checkGateway(flags.gateway);
  const prompt = createPrompt();
  try {
    if (flags.channel === 'ussd') await simulateUssd(flags, site, address, prompt);
    else if (flags.channel === 'whatsapp') await simulateWhatsApp(flags, site, address, prompt);
    else await simulateSms(flags, site, address, prompt);
  } finally {
    prompt.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => fatal(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
