// The poll content type and its choice component: what editors fill in, field by field.
import type { ContentTypeSchema } from '@baobab/plugin-api';
import { MAX_CHOICES, MAX_LABEL, MAX_QUESTION, MIN_CHOICES, placements, resultModes } from '../shared';

export const POLL_UID = 'plugin::polls.poll';
export const CHOICE_COMPONENT = 'polls.choice';
const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$';

const localized = { i18n: { localized: true } };
const shared = { i18n: { localized: false } };

/** One choice: a key shared by every translation (what votes count) and the label in this language. */
export const choiceComponent = {
  collectionName: 'components_polls_choices',
  info: { displayName: 'Choice', icon: 'bulletList', description: 'One answer readers can pick.' },
  options: {},
  attributes: {
    key: { type: 'string', required: true, maxLength: 40, regex: SLUG },
    label: { type: 'string', required: true, maxLength: MAX_LABEL },
  },
};

/** Registers the choice component the way Strapi loads an app's `src/components/polls/choice.json`. */
export function componentEntry(): Record<string, unknown> {
  const schema = structuredClone(choiceComponent);
  return { ...structuredClone(choiceComponent), __schema__: schema, uid: CHOICE_COMPONENT, category: 'polls', modelType: 'component', modelName: 'choice', globalId: 'ComponentPollsChoice' };
}

export const pollSchema: ContentTypeSchema = {
  kind: 'collectionType',
  collectionName: 'polls_polls',
  info: { singularName: 'poll', pluralName: 'polls', displayName: 'Poll', description: 'A question readers answer by picking from 2–10 choices; one vote per reader.' },
  options: { draftAndPublish: true },
  pluginOptions: { ...localized, 'content-manager': { visible: true }, 'content-type-builder': { visible: false } },
  attributes: {
    slug: { type: 'string', required: true, maxLength: 100, regex: SLUG, pluginOptions: shared },
    question: { type: 'string', required: true, maxLength: MAX_QUESTION, pluginOptions: localized },
    choices: { type: 'component', repeatable: true, component: CHOICE_COMPONENT, min: MIN_CHOICES, max: MAX_CHOICES, pluginOptions: localized },
    isMultiple: { type: 'boolean', default: false, pluginOptions: shared },
    maxChoices: { type: 'integer', min: 1, max: MAX_CHOICES, pluginOptions: shared },
    results: { type: 'enumeration', enum: [...resultModes], default: 'percent', required: true, pluginOptions: shared },
    shuffle: { type: 'boolean', default: false, pluginOptions: shared },
    opensAt: { type: 'datetime', pluginOptions: shared },
    closesAt: { type: 'datetime', pluginOptions: shared },
    placement: { type: 'enumeration', enum: [...placements], default: 'article', required: true, pluginOptions: shared },
    article: { type: 'string', maxLength: 100, regex: SLUG, pluginOptions: shared },
    section: { type: 'customField', customField: 'global::section-picker', maxLength: 80, regex: SLUG, pluginOptions: shared },
    allSites: { type: 'boolean', default: false, pluginOptions: shared },
    sites: { type: 'customField', customField: 'global::site-picker', pluginOptions: shared },
  },
};
