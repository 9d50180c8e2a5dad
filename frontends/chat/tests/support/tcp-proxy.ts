// The loopback TCP proxy the outage tests cut and stall now lives in @baobab/testkit (the CMS's
// database test uses it too); re-exported so the chat tests keep their import.
export { closedPort, startTcpProxy, type TcpProxy } from '@baobab/testkit';
