// The render-time half of UI strings: look up a resolved string and fill {{placeholders}}.
export type Translate = (key: string, values?: Record<string, string>) => string;

export function createTranslate(strings: Readonly<Record<string, string>>): Translate {
  return (key, values = {}) => (strings[key] ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
