// Preloaded by bench:scale into the processes it measures (NODE_OPTIONS="--expose-gc --require …"):
// SIGUSR2 runs a full garbage collection, so the memory it reads next is what the process
// holds, not garbage V8 has not yet collected after a burst of writes.
process.on('SIGUSR2', () => {
  if (typeof globalThis.gc === 'function') globalThis.gc();
});
