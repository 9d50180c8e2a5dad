// @baobab/testkit: what tests and benchmarks need to stand up real parts: the real CMS on
// a free loopback port with its own data folder, the real mobi-site against it, free ports,
// waiting, a clean PostgreSQL.
export { freePort, randomSecret, resetPostgres, startCms, stopChild, waitFor, type CmsOptions, type RunningCms } from './cms';
export { startMobi, type MobiOptions, type RunningMobi } from './mobi';
export { startRecordingProxy, type RecordedRequest, type RecordingProxy } from './proxy';
export { closedPort, startTcpProxy, type TcpProxy } from './tcp-proxy';
