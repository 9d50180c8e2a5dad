// @baobab/testkit: what tests and benchmarks need to stand up real parts: the real CMS on
// a free loopback port with its own data folder (or a replica sharing another's), the real
// mobi-site and chat gateway against it, free ports, waiting, a clean PostgreSQL.
export { startChat, type ChatOptions, type RunningChat } from './chat';
export { freePort, GiveUpError, randomSecret, resetPostgres, startCms, stopChild, waitFor, type CmsOptions, type RunningCms } from './cms';
export { startMobi, type MobiOptions, type RunningMobi } from './mobi';
export { createPostgresDatabase, ownDatabaseUrl, type TestDatabase } from './postgres';
export { nginxConfig, startNginx, type NginxLogEntry, type NginxUpstreams, type RunningNginx } from './nginx';
export { startRecordingProxy, type RecordedRequest, type RecordingProxy } from './proxy';
export { closedPort, startTcpProxy, type TcpProxy } from './tcp-proxy';
