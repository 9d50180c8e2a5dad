// The render-time half of UI strings lives with the registry; pages import it from here.
export { createTranslate, type Translate } from '@baobab/locales';
