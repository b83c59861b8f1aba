// The WAL checkpointer's worker thread (wal-checkpointer.ts): its own connection to the store's
// file, copying committed WAL frames into the database file every `intervalMs` (PASSIVE: it
// never waits for or blocks the writer). Plain JavaScript, like the code sandbox's worker, so it
// runs without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, intervalMs, busyTimeoutMs, restartAtPages } = workerData;
const db = new Database(path, { fileMustExist: true });
db.pragma(`busy_timeout = ${busyTimeoutMs}`);
// This connection's own commits (it makes none) and its close must not checkpoint on their own either.
db.pragma('wal_autocheckpoint = 0');

const checkpoint = () => {
  try {
    let [result] = db.pragma('wal_checkpoint(PASSIVE)');
    // A writer starts the WAL over only when a checkpoint has copied all of it; under steady writes
    // a passive one never quite does, and the WAL would grow for good. Past `restartAtPages` a
    // RESTART checkpoint holds the writer back the moment it takes to copy the last frames.
    if (result.log >= restartAtPages) [result] = db.pragma('wal_checkpoint(RESTART)');
    parentPort.postMessage({ type: 'checkpointed', ...result });
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
const timer = setInterval(checkpoint, intervalMs);

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ type: 'stopped' });
  parentPort.close();
});
