// @baobab/plugin-api: the plugin contract and the registry of installed themes and plugins.
export * from './plugin';
export * from './registry';
