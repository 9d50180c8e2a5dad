// The lazily loaded Input of global::default-locale.
export { DefaultLocaleInput as default } from './locale-fields.js';
