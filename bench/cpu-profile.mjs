// Preloaded into a role process (NODE_OPTIONS=--import, where --cpu-prof is not allowed) by bench:pipeline with
// PIPELINE_PROFILE_DIR: samples the CPU from start to exit and writes a V8 .cpuprofile into CPU_PROFILE_DIR.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import process from 'node:process';

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  // an in-process inspector session answers synchronously, so this works inside 'exit'
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
