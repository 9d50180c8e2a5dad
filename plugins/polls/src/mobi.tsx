// The polls plugin on the mobi-site: the polls placed on a page (after an article, on a
// section, on the home page) as a plain form, or their results once closed or voted on;
// and the `vote` route that casts a reader's vote. No client JavaScript.
import type { MobiHalf, PluginPost, PluginPostResult, SlotProps } from '@baobab/plugin-api';
import type { ReactElement } from 'react';
import { z } from 'zod';

const POLL = 'slug question locale isFallback isMultiple maxChoices results isOpen totalVotes choices { id label votes percent }';

const poll = z.object({
  slug: z.string(),
  question: z.string(),
  locale: z.string(),
  isFallback: z.boolean(),
  isMultiple: z.boolean(),
  maxChoices: z.number().int(),
  results: z.enum(['PERCENT', 'TOTALS', 'HIDDEN']),
  isOpen: z.boolean(),
  totalVotes: z.number().int().nullable(),
  choices: z.array(z.object({ id: z.string(), label: z.string(), votes: z.number().int().nullable(), percent: z.number().int().nullable() })),
});
type Poll = z.infer<typeof poll>;

/** What every slot's selection answers under `site { }`. */
const slotData = z.object({ polls: z.array(poll) });

/** The form's fields, beside the mobi's own hidden ones (`_csrf`, `_back`). */
export const POLL_FIELD = 'poll';
export const CHOICE_FIELD = 'choice';
export const VOTE_ACTION = '/_plugins/polls/vote';

const Results = ({ item, t, hasVoted }: { item: Poll; t: SlotProps['t']; hasVoted: boolean }) => {
  const heading = hasVoted ? <p className="notice">{t('pollThanks')}</p> : !item.isOpen ? <p className="meta">{t('pollClosed')}</p> : null;
  if (item.results === 'HIDDEN') {
    return (
      <>
        {heading}
        {hasVoted ? null : <p>{t('pollResultsHidden')}</p>}
      </>
    );
  }
  return (
    <>
      {heading}
      <ul className="poll-results">
        {item.choices.map((choice) => (
          <li key={choice.id}>
            {item.results === 'PERCENT' ? (
              <>
                {`${choice.label}: `}
                <strong>{`${choice.percent ?? 0}%`}</strong>
                {/* A bar in plain HTML: its width is the share, its colour the theme's text colour. */}
                <span aria-hidden="true" style={{ display: 'block', height: '0.5em', minWidth: '1px', width: `${choice.percent ?? 0}%`, background: 'currentColor' }} />
              </>
            ) : (
              <>
                {`${choice.label}: `}
                <strong>{t('pollVotes', { count: choice.votes ?? 0 })}</strong>
              </>
            )}
          </li>
        ))}
      </ul>
      {item.totalVotes !== null ? <p className="meta">{t('pollTotalVotes', { count: item.totalVotes })}</p> : null}
    </>
  );
};

const Ballot = ({ item, props }: { item: Poll; props: SlotProps }) => (
  <form method="post" action={VOTE_ACTION}>
    {Object.entries(props.formFields).map(([name, value]) => (
      <input key={name} type="hidden" name={name} value={value} />
    ))}
    <input type="hidden" name={POLL_FIELD} value={item.slug} />
    <fieldset>
      <legend>{item.question}</legend>
      {item.isMultiple && item.maxChoices < item.choices.length ? <p className="meta">{props.t('pollChooseUpTo', { count: item.maxChoices })}</p> : null}
      {item.choices.map((choice) => (
        <p key={choice.id}>
          <label>
            <input type={item.isMultiple ? 'checkbox' : 'radio'} name={CHOICE_FIELD} value={choice.id} />
            {` ${choice.label}`}
          </label>
        </p>
      ))}
    </fieldset>
    <button type="submit">{props.t('pollVote')}</button>
  </form>
);

/** Every poll placed on the page: the ballot while it is open, the results once closed or just voted on. */
export function PollsSlot(props: SlotProps): ReactElement | null {
  const parsed = slotData.safeParse(props.data);
  if (!parsed.success || parsed.data.polls.length === 0) return null;
  return (
    <>
      {parsed.data.polls.map((item) => {
        const hasVoted = props.query.voted === item.slug;
        return (
          <div key={item.slug} id={`poll-${item.slug}`} className="poll" lang={item.locale === props.locale ? undefined : item.locale}>
            <h2>{props.t('pollHeading')}</h2>
            {hasVoted || !item.isOpen ? (
              <>
                <p>
                  <strong>{item.question}</strong>
                </p>
                <Results item={item} t={props.t} hasVoted={hasVoted} />
              </>
            ) : (
              <Ballot item={item} props={props} />
            )}
          </div>
        );
      })}
    </>
  );
}

const VOTE = `mutation Vote($site: String!, $poll: String!, $choices: [ID!]!, $reader: String!, $locale: String) {
  vote(site: $site, poll: $poll, choices: $choices, reader: $reader, locale: $locale) { counted poll { slug } } }`;

/** The vote mutation's error codes (polls contract) → the status and the reader's message key. */
export const VOTE_ERRORS: Readonly<Record<string, { readonly status: 404 | 409 | 422 | 429; readonly message: string }>> = {
  POLL_NOT_FOUND: { status: 404, message: 'pollNotFound' },
  PLUGIN_NOT_ENABLED: { status: 404, message: 'pollNotFound' },
  POLL_CLOSED: { status: 409, message: 'pollClosedError' },
  BAD_CHOICE: { status: 422, message: 'pollBadChoice' },
  TOO_MANY_CHOICES: { status: 422, message: 'pollTooManyChoices' },
  NO_CHOICE: { status: 422, message: 'pollNoChoice' },
  RATE_LIMITED: { status: 429, message: 'pollRateLimited' },
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const values = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

/** `POST /_plugins/polls/vote`: casts the vote, then back to the page showing the results (303), or the page again with why not. */
export async function vote(post: PluginPost): Promise<PluginPostResult> {
  const back = values(post.fields._back)[0] ?? '/';
  const slug = values(post.fields[POLL_FIELD])[0] ?? '';
  const choices = [...new Set(values(post.fields[CHOICE_FIELD]))];
  const refuse = (code: keyof typeof VOTE_ERRORS): PluginPostResult => {
    const known = VOTE_ERRORS[code] ?? { status: 400 as const, message: 'pollBadChoice' };
    return { status: known.status, message: post.t(known.message), back };
  };
  if (!SLUG.test(slug)) return refuse('POLL_NOT_FOUND');
  if (choices.length === 0) return refuse('NO_CHOICE');
  if (choices.length > 10 || choices.some((choice) => choice.length > 100)) return refuse('BAD_CHOICE');
  const answer = await post.delivery(VOTE, { site: post.site.code, poll: slug, choices, reader: post.reader, locale: post.locale });
  const error = answer.errors?.[0];
  if (error) {
    if (error.code !== undefined && error.code in VOTE_ERRORS) return refuse(error.code);
    // UNAUTHENTICATED (a write secret the CMS does not share) or anything unknown: our fault, not the reader's.
    throw new Error(`vote failed: ${error.code ?? 'ERROR'}: ${error.message}`);
  }
  // Counted or not (a second vote), the reader sees the results: `?voted=` is rendered fresh, never cached.
  return { redirect: `${back}?voted=${slug}#poll-${slug}` };
}

const pollsMobi: MobiHalf<ReactElement> = {
  queries: {
    articleEnd: `polls(locale: $locale, placement: ARTICLE, article: $slug) { ${POLL} }`,
    section: `polls(locale: $locale, placement: SECTION, section: $slug) { ${POLL} }`,
    home: `polls(locale: $locale, placement: HOME) { ${POLL} }`,
  },
  slots: { articleEnd: PollsSlot, section: PollsSlot, home: PollsSlot },
  routes: { vote },
};

export default pollsMobi;
