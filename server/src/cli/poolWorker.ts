// A worker of `nianbao check`'s pool (pool.ts is the other end): reads the files it is
// given and keeps the reports it read, then checks them against the run's shared year facts (pool.ts).

import { parentPort } from 'node:worker_threads';
import { checkOne, readOne, type Held } from './checkFile';
import { sharedLookup, type PoolReply, type PoolRequest } from './pool';

const held = new Map<number, Held>();
const post = (m: PoolReply) => parentPort!.postMessage(m);

parentPort!.on('message', (m: PoolRequest) => {
  if (m.kind === 'read') {
    readOne(m.job, m.settings).then(
      (r) => {
        if (r.held) held.set(m.index, r.held);
        if (r.read.skipped) return post({ kind: 'read', index: m.index, read: r.read });
        const f = r.read.facts;
        post({ kind: 'read', index: m.index, read: {}, facts: { json: JSON.stringify(f), location: f.location, bodyKey: f.bodyKey, year: f.year } });
      },
      (e: unknown) => post({ kind: 'error', index: m.index, error: e instanceof Error ? e.message : String(e) }),
    );
    return;
  }
  const lookup = sharedLookup(m.facts);
  for (const index of [...held.keys()].sort((a, b) => a - b)) {
    try {
      post({ kind: 'checked', index, checked: checkOne(held.get(index)!, lookup, m.settings) });
    } catch (e) {
      post({ kind: 'error', index, error: e instanceof Error ? e.message : String(e) });
      return;
    }
    held.delete(index);
  }
  post({ kind: 'checked-all' });
});
