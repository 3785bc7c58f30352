// V8 heap settings for the language server: a resident process that checks a report now
// and then and otherwise waits. The server applies them itself (server.ts), however it is
// launched: by VS Code's client (client/src/extension.ts), as the nianbao-language-server
// bin, or as `node dist/server.js --stdio` in another editor's configuration.
//
// V8's defaults favour throughput over residency. With 200 reports open they made up most
// of the server's memory beyond what the reports themselves need:
//  - the young generation. Each semi-space grows from 1 MB to 16 MB as objects survive
//    scavenges, and a check allocates some 80 bytes per character of the report, so a few
//    reports take it to 16 MB. Both semi-spaces then stay resident (32 MB). V8 shrinks them
//    only at a scavenge that follows about 5 s without allocation, and a waiting server
//    does not run scavenges.
//  - the old generation. After a full collection V8 lets it grow to as much as 4× its live
//    size before the next one. A small young generation promotes more of a check's
//    temporaries, so the old space fills with garbage.
// Measured with scripts/bench.mjs --only memory (RSS with 200 reports of 18 KB open, with
// the compact per-document state of state.ts and the bundle of scripts/build.mjs):
// 100–103 MB with V8's defaults, 88–90 MB with the young generation kept at its initial
// size, 75–78 MB with the old generation's growth limited as well. The cost is time: a check
// takes about a third longer (median for a 20 KB report 0.88 → 1.17 ms, for 1 MB 12 → 18 ms;
// the bench corpus 55 → 37 MB/s), and keystroke → diagnostics over stdio for a 51 KB report
// goes from p50 3.7, p95 8.0 ms to p50 4.1, p95 8.8 ms.
//
// These are set at run time, not passed on the command line, so that every launch has them.
// That works only for flags V8 reads again at each collection, as these two are. Flags that
// V8 applies when it sets up the heap (--max-semi-space-size, for example) would have no effect.
// An unknown flag (a future V8 might rename one) only prints a line on stderr.
//
// They are set once the workspace index has been built (server.ts), not at startup: the
// index is batch work, parsing thousands of reports back to back, where the default young
// generation pays (5,000 reports indexed in 4.9 s with V8's defaults against 5.6 s with
// these settings, measured with scripts/bench.mjs --only index). A large workspace thus
// leaves the young generation grown until V8's memory reducer shrinks it; a server with no
// workspace folder, or a small one, starts resident.

import { setFlagsFromString } from 'node:v8';

let applied = false;

/** Switches the heap to the resident settings above (once; later calls do nothing). */
export function residentHeap(): void {
  if (applied) return;
  applied = true;
  // Semi-spaces stay at their current size (1 MB unless batch work grew them): the young generation stops growing.
  setFlagsFromString('--semi-space-growth-factor=1');
  // After a full collection the old generation may grow by 50% (at least V8's minimum step of
  // 8 MB) before the next one, instead of by as much as 300%.
  setFlagsFromString('--heap-growing-percent=50');
}

// Closing documents. A closed document's text, its results and the message that carried it
// become garbage at once, but a waiting server allocates nothing, so nothing collects them:
// after a 50 MB document was opened and closed, the server stayed at 241 MB (58 MB before;
// measured in test/protocol/resilience.test.ts). So once closed documents add up to
// `CLOSED_CHARS_COLLECTED`, the server runs a full collection (a few ms for its own heap)
// when the close has been handled. V8's gc() is reachable only with --expose-gc; setting the
// flag at run time and reading gc from a new context gets it without a command-line flag.

import { runInNewContext } from 'node:vm';

const CLOSED_CHARS_COLLECTED = 4_000_000;
let closedChars = 0;
let pending: ReturnType<typeof setTimeout> | undefined;
let gc: (() => void) | null | undefined;

function gcFunction(): (() => void) | null {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/** Counts a closed document; collects the garbage once enough text was closed. */
export function documentClosed(chars: number): void {
  closedChars += chars;
  if (closedChars < CLOSED_CHARS_COLLECTED || pending) return;
  pending = setTimeout(() => {
    pending = undefined;
    closedChars = 0;
    gcFunction()?.();
  }, 0);
}
