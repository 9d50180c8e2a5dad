// The draft preview's path, apart from its loader so the page and the HTTP layer import no server code with it.
export const PREVIEW_PATH = '/_baobab/preview';
