// Preloaded by bench:transfer into the CMS when BENCH_CPU_PROF names a folder
// (NODE_OPTIONS="--require …"; Node refuses --cpu-prof there): SIGTTIN starts V8's sampling
// profiler, SIGTTOU stops it and writes `cms-<pid>-<n>.cpuprofile` into that folder, so the
// profile covers what the benchmark measures and not the CMS's start-up.
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');

const dir = process.env.BENCH_CPU_PROF_DIR;
const session = new inspector.Session();
session.connect();
let running = false;
let written = 0;

process.on('SIGTTIN', () => {
  if (running) return;
  running = true;
  session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
});

process.on('SIGTTOU', () => {
  if (!running) return;
  running = false;
  session.post('Profiler.stop', (error, result) => {
    if (error || !dir) return;
    written += 1;
    fs.writeFileSync(path.join(dir, `cms-${process.pid}-${written}.cpuprofile`), JSON.stringify(result.profile));
    fs.writeFileSync(path.join(dir, `cms-${process.pid}-${written}.done`), '');
  });
});
