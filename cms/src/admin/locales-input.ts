// The lazily loaded Input of global::locale-picker.
export { LocalesInput as default } from './locale-fields.js';
