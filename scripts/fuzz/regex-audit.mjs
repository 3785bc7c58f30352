// Regex audit: every regular expression literal in the engine's sources, run against
// adversarial inputs built from its own characters, must take time linear in the
// input. A regex that backtracks super-linearly (`([0-9]+)\s*$` on a long digit run
// followed by a letter, nested quantifiers, overlapping alternatives under a star…)
// shows its growth exponent here.
//
// Method, per regex: an alphabet of the characters the pattern mentions (literals,
// class members and range ends, what \s \d \w stand for, one character outside each
// negated class) plus a few generic ones; pump strings (each character, pairs of
// characters) repeated to length n behind an optional literal prefix and before a
// suffix that may make the match fail. Every candidate is timed at a small n; the
// slowest are timed again at n, 4n and 16n, and the growth exponent log4(t16n / t4n)
// must stay below 1.5 (linear ≈ 1, quadratic ≈ 2). All matches are iterated (as a
// global regex would be), which bounds the cost of a single search too.
//
// Run alone: node scripts/fuzz/regex-audit.mjs  (the fuzzer runs it in a worker first).

import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENGINE = path.join(ROOT, 'server/src/engine');

/** Every regex literal in the engine's TypeScript sources: { file, line, source, flags }. */
export function engineRegexes(dir = ENGINE) {
  const ts = require('typescript');
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d)) {
      const p = path.join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.ts')) files.push(p);
    }
  };
  walk(dir);
  const out = [];
  for (const file of files.sort()) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = node.text;
        const slash = lit.lastIndexOf('/');
        out.push({
          file: path.relative(ROOT, file),
          line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
          source: lit.slice(1, slash),
          flags: lit.slice(slash + 1),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

const GENERIC = ['a', 'x', '1', '0', ' ', '\n', '\t', '中', '一', '|', '。', '\u3000', ',', '.', '-', '、', '('];

/** The characters a pattern mentions, and what its escapes and classes stand for. */
export function alphabet(source) {
  const chars = new Set();
  const add = (c) => chars.add(c);
  let inClass = false;
  let negated = false;
  let prev = null;
  for (let i = 0; i < source.length; i++) {
    let ch = source[i];
    if (ch === '\\') {
      const n = source[++i];
      if (n === 's') ['\u0020', '\t', '\u3000', '\n', '\u00a0'].forEach(add);
      else if (n === 'S' || n === 'D' || n === 'W') ['x', '中'].forEach(add);
      else if (n === 'd') ['1', '0'].forEach(add);
      else if (n === 'w') ['a', '_', '7'].forEach(add);
      else if (n === 'n') add('\n');
      else if (n === 't') add('\t');
      else if (n === 'r') add('\r');
      else if (n === 'u') {
        add((ch = String.fromCharCode(parseInt(source.slice(i + 1, i + 5), 16))));
        i += 4;
      } else if (n === 'b' || n === 'B') continue;
      else add((ch = n));
      prev = ch;
      continue;
    }
    if (inClass) {
      if (ch === ']') {
        inClass = false;
        if (negated) ['x', '中', '!'].forEach(add);
        continue;
      }
      if (ch === '-' && prev !== null && i + 1 < source.length && source[i + 1] !== ']') {
        let to = source[i + 1];
        if (to === '\\' && source[i + 2] === 'u') to = String.fromCharCode(parseInt(source.slice(i + 3, i + 7), 16));
        const a = prev.charCodeAt(0);
        const b = to.charCodeAt(0);
        if (b > a) add(String.fromCharCode((a + b) >> 1));
        continue;
      }
      add(ch);
      prev = ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      negated = source[i + 1] === '^';
      if (negated) i++;
      prev = null;
      continue;
    }
    if (ch === '.') ['x', '中', '\n'].forEach(add);
    else if (!'^$()*+?{}|'.includes(ch)) add(ch);
    else if (ch === '{') {
      const close = source.indexOf('}', i);
      if (close > i && /^\d+(,\d*)?$/.test(source.slice(i + 1, close))) i = close;
      else add(ch);
    }
    prev = null;
  }
  return [...chars];
}

/** Runs of literal characters in a pattern (outside classes), in order: `统计期限`, `nianbao-disable`, `image:` … */
export function literalRuns(source) {
  const runs = [];
  let cur = '';
  let inClass = false;
  const flush = () => {
    if (cur) runs.push(cur);
    cur = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (inClass) {
      if (ch === '\\') i++;
      else if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '\\') {
      const n = source[i + 1];
      if ('sSdDwWbBnrtu0123456789'.includes(n)) flush();
      else cur += n;
      i++;
      if (n === 'u') i += 4;
      continue;
    }
    if (ch === '[') {
      flush();
      inClass = true;
      continue;
    }
    if ('*+?{'.includes(ch)) {
      // A quantifier applies to the last character alone.
      cur = cur.slice(0, -1);
      flush();
      if (ch === '{') i = Math.max(i, source.indexOf('}', i));
      continue;
    }
    if ('^$().|'.includes(ch)) {
      flush();
      continue;
    }
    cur += ch;
  }
  flush();
  return runs;
}

/**
 * Strings that walk into a pattern token by token: one representative per literal,
 * class or escape (the first alternative of a group), none for a token that may be
 * absent (`*`, `?`). `^\s*([一二]+)[、.]\s*(.{2,40}?)` gives `一`, `一、`, `一、x` …
 */
export function walkPrefixes(source) {
  const out = [];
  let cur = [];
  const push = (s) => {
    cur.push(s);
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    let token = null;
    if (ch === '\\') {
      const n = source[++i];
      token = n === 's' ? ' ' : n === 'd' ? '1' : n === 'w' ? 'a' : 'SDW'.includes(n) ? 'x' : n === 'n' ? '\n' : n === 't' ? '\t' : n === 'u' ? String.fromCharCode(parseInt(source.slice(i + 1, i + 5), 16)) : 'bB'.includes(n) ? '' : n;
      if (n === 'u') i += 4;
    } else if (ch === '[') {
      let j = i + 1;
      const negated = source[j] === '^';
      if (negated) j++;
      let first = source[j];
      if (first === '\\') first = source[j + 1] === 's' ? ' ' : source[j + 1] === 'd' ? '1' : source[j + 1] === 'u' ? String.fromCharCode(parseInt(source.slice(j + 2, j + 6), 16)) : source[j + 1];
      token = negated ? 'x' : first;
      let k = j;
      while (k < source.length && !(source[k] === ']' && source[k - 1] !== '\\')) k++;
      i = k;
    } else if (ch === '(') {
      if (source[i + 1] === '?') {
        if (source[i + 2] === ':') i += 2;
        else if (source[i + 2] === '=' || source[i + 2] === '!') {
          // Skip lookarounds.
          let depth = 1;
          let k = i + 3;
          for (; k < source.length && depth; k++) if (source[k] === '\\') k++; else if (source[k] === '(') depth++; else if (source[k] === ')') depth--;
          i = k - 1;
        } else if (source[i + 2] === '<') {
          if (source[i + 3] === '=' || source[i + 3] === '!') {
            let depth = 1;
            let k = i + 4;
            for (; k < source.length && depth; k++) if (source[k] === '\\') k++; else if (source[k] === '(') depth++; else if (source[k] === ')') depth--;
            i = k - 1;
          } else i = source.indexOf('>', i);
        }
      }
      continue;
    } else if (ch === '|') {
      // The rest of this group's alternatives: skip to its closing parenthesis.
      let depth = 0;
      let k = i + 1;
      for (; k < source.length; k++) {
        if (source[k] === '\\') k++;
        else if (source[k] === '[') while (k < source.length && source[k] !== ']') k++;
        else if (source[k] === '(') depth++;
        else if (source[k] === ')') {
          if (depth === 0) break;
          depth--;
        }
      }
      i = k;
      continue;
    } else if (ch === ')' || ch === '^' || ch === '$') continue;
    else if (ch === '*' || ch === '?') {
      if (source[i - 1] !== ')') cur.pop();
      if (source[i + 1] === '?') i++;
      continue;
    } else if (ch === '+') {
      if (source[i + 1] === '?') i++;
      continue;
    } else if (ch === '{') {
      const close = source.indexOf('}', i);
      const min = Number(/^\d+/.exec(source.slice(i + 1, close))?.[0] ?? 1);
      if (source[i - 1] !== ')') {
        if (min === 0) cur.pop();
        else for (let k = 1; k < min; k++) cur.push(cur[cur.length - 1]);
      }
      i = close;
      if (source[i + 1] === '?') i++;
      continue;
    } else token = ch === '.' ? 'x' : ch;
    push(token);
    // Record where a quantifier, a class, a group or an alternative comes next: the places backtracking starts.
    if (i + 1 >= source.length || '[\\(*+?{|)'.includes(source[i + 1])) out.push(cur.join(''));
  }
  return [...new Set([...out, cur.join('')])].filter(Boolean);
}

/** One pass through the body of each repeated group (`(…)+`, `(…)*`, `(…){n,}`): what a long input repeats. */
export function groupPumps(source) {
  const out = [];
  const opens = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if (ch === '(') opens.push(i);
    else if (ch === ')') {
      const open = opens.pop();
      if (open === undefined || !/[+*{]/.test(source[i + 1] ?? '')) continue;
      const body = source.slice(open + 1, i).replace(/^\?(?::|<?[=!])/, '');
      const walk = walkPrefixes(body);
      if (walk.length) out.push(walk[walk.length - 1]);
    }
  }
  return [...new Set(out)];
}

/** Prefixes that lead into a pattern: its literal runs joined in order (with nothing, a space, or a word between). */
function prefixesOf(source, alpha, rnd) {
  const runs = literalRuns(source).slice(0, 5);
  const out = new Set(['', ...walkPrefixes(source).slice(0, 12)]);
  for (const sep of ['', ' ', ' a ']) for (let k = 1; k <= runs.length; k++) out.add(runs.slice(0, k).join(sep) + (sep === ' a ' ? sep : ''));
  // Short random strings of the pattern's own characters (`一、` before a title, `1.` before a label …).
  for (let k = 0; k < 24; k++) {
    let p = '';
    const len = 1 + Math.floor(rnd() * 3);
    for (let j = 0; j < len; j++) p += alpha[Math.floor(rnd() * alpha.length)];
    out.add(p);
  }
  return [...out];
}

/** A small seeded PRNG (the audit is deterministic). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function timeAll(re, s, minMs = 2) {
  // Repeats until at least minMs has passed, to time short runs reliably. A sticky regex
  // is tried where it is used, at one position; any other runs over every match.
  let n = 0;
  const t0 = performance.now();
  let t = 0;
  do {
    re.lastIndex = 0;
    if (re.sticky) re.exec(s);
    else {
      let m;
      let guard = 0;
      while ((m = re.exec(s)) && guard++ < 1e7) if (m[0] === '') re.lastIndex++;
    }
    n++;
    t = performance.now() - t0;
  } while (t < minMs && n < 1000);
  return t / n;
}

/** The best of three timings (the audit runs beside other work; noise only ever adds time). */
const timeBest = (re, s, minMs) => Math.min(timeAll(re, s, minMs), timeAll(re, s, minMs), timeAll(re, s, minMs));

/** Audits one regex; returns its worst candidate with times at n, 4n, 16n and the growth exponent. */
export function auditRegex({ source, flags }, n = 400) {
  const re = new RegExp(source, flags.includes('g') || flags.includes('y') ? flags : flags + 'g');
  const alpha = [...new Set([...alphabet(source), ...GENERIC])].slice(0, 40);
  const pumps = [...alpha];
  const firsts = alpha.slice(0, 14);
  for (const a of firsts) for (const b of firsts) if (a !== b) pumps.push(a + b);
  const rnd = prng(source.length * 7919 + source.charCodeAt(0));
  const prefixes = prefixesOf(source, alpha, rnd);
  const suffixes = ['', '\n', '!', 'x', '\u0000', '中', '1'];
  // Screening at a small size: every pump behind the bare prefix; the space-like and
  // digit pumps behind every prefix. A candidate already slow here ends the screening.
  const small = 100;
  const spacey = pumps.filter((p) => p.length === 1 && /[\s0-9x一中|]/.test(p));
  const candidates = [];
  let blatant = false;
  const addCandidate = (pre, p, suf) => {
    if (blatant) return;
    const make = (len) => pre + p.repeat(Math.ceil(len / p.length)) + suf;
    const t = timeAll(re, make(small), 0);
    candidates.push({ make, t });
    if (t > 20) blatant = true;
  };
  for (const p of pumps) for (const suf of suffixes) addCandidate('', p, suf);
  for (const pre of prefixes.slice(1)) for (const p of spacey) for (const suf of suffixes) addCandidate(pre, p, suf);
  candidates.sort((a, b) => b.t - a.t);
  let worst = null;
  for (const c of candidates.slice(0, blatant ? 1 : 6)) {
    // Growth from n to 4n to 16n; a run already long at 4n stops there.
    const t1 = timeBest(re, c.make(n), 2);
    const t4 = timeBest(re, c.make(4 * n), 2);
    const long = t4 > 200;
    const t16 = long ? t4 : timeBest(re, c.make(16 * n), 4);
    // Both steps must grow faster than linear (a single step can be a pause of the machine).
    const step1 = Math.log(Math.max(t4, 1e-6) / Math.max(t1, 1e-6)) / Math.log(4);
    const step2 = Math.log(Math.max(t16, 1e-6) / Math.max(t4, 1e-6)) / Math.log(4);
    const exponent = long ? step1 : Math.min(step1, step2);
    const sample = c.make(24);
    if (!worst || exponent > worst.exponent) worst = { sample, t1, t4, t16, exponent };
  }
  // Depth: the regex's backtracking stack on a few million characters of the pumps that
  // matched longest (a `(?:a|b)+` over a long run overflows it: RangeError).
  let stack = null;
  if (worst && worst.exponent > 1.5 && worst.t16 > 2) return { candidates: candidates.length, ...worst }; // already failed; a long run would not end
  const groups = groupPumps(source).map((p) => ({ make: (len) => p.repeat(Math.ceil(len / p.length)) }));
  const deep = [...candidates].sort((a, b) => matchedLength(re, b.make(small)) - matchedLength(re, a.make(small))).slice(0, 2);
  for (const c of [...groups, ...deep]) {
    try {
      timeAll(re, c.make(10_000_000), 0);
    } catch (e) {
      stack = { error: String(e.message ?? e), sample: c.make(24) };
      break;
    }
  }
  return { candidates: candidates.length, ...worst, ...(stack ? { stack: true, stackError: stack.error, sample: stack.sample } : {}) };
}

/** How much of `s` the regex's matches cover (the pumps it swallows whole are the deep ones). */
function matchedLength(re, s) {
  re.lastIndex = 0;
  let total = 0;
  let m;
  let guard = 0;
  if (re.sticky) return re.exec(s)?.[0].length ?? 0;
  while ((m = re.exec(s)) && guard++ < 1e5) {
    total += m[0].length;
    if (m[0] === '') re.lastIndex++;
  }
  return total;
}

/** A regex fails the audit when its worst input grows faster than n^1.5 and takes measurable time. */
export const superLinear = (r) => r.hang || r.stack || (r.exponent > 1.5 && r.t16 > 2);

/**
 * Audits every regex in a worker thread; a regex whose audit does not finish in
 * `timeoutMs` (exponential backtracking) is reported as such and the worker replaced.
 * Resolves with [{ ...regex, result }] where result has `exponent`, `t16`, `sample`, or `hang`.
 */
export async function auditAll(list, { timeoutMs = 20_000, onResult = () => undefined } = {}) {
  const { Worker } = await import('node:worker_threads');
  const results = new Array(list.length);
  let next = 0;
  while (next < list.length) {
    const start = next;
    await new Promise((resolve) => {
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { audit: list.slice(start) } });
      let timer;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          results[next] = { ...list[next], result: { hang: true, exponent: Infinity, t16: Infinity, sample: '' } };
          onResult(results[next]);
          next++;
          void worker.terminate();
        }, timeoutMs);
      };
      arm();
      worker.on('message', (m) => {
        if (m.done) return;
        results[start + m.i] = { ...list[start + m.i], result: m.result };
        onResult(results[start + m.i]);
        next = start + m.i + 1;
        arm();
      });
      worker.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.on('error', (e) => {
        clearTimeout(timer);
        results[next] = { ...list[next], result: { error: String(e), exponent: NaN, t16: NaN, sample: '' } };
        next++;
        resolve();
      });
    });
  }
  return results;
}

export const describe = (r) =>
  `${r.file}:${r.line}  /${r.source}/${r.flags}  ${r.result.hang ? 'did not finish (exponential?)' : r.result.stack ? `fails on a long input: ${r.result.stackError}` : `exponent ${r.result.exponent.toFixed(2)}, ${r.result.t16.toFixed(2)} ms at 16n`}  worst input ${JSON.stringify(r.result.sample)}`;

// Worker mode: audit the list passed in, post each result.
if (!isMainThread && workerData?.audit) {
  for (const [i, r] of workerData.audit.entries()) {
    let result = auditRegex(r, workerData.n);
    // Noise only ever adds time: a regex found super-linear on a busy machine (a linear `\s`
    // once measured 1.81 in CI) is audited again, twice at most, and the mildest result stands.
    for (let k = 0; k < 2 && superLinear(result) && !result.hang && !result.stack; k++) {
      const again = auditRegex(r, workerData.n);
      if (again.exponent < result.exponent) result = again;
    }
    parentPort.postMessage({ i, result });
  }
  parentPort.postMessage({ done: true });
}

// CLI mode.
if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const list = engineRegexes();
  const t0 = performance.now();
  const verbose = process.argv.includes('--verbose');
  const results = await auditAll(list, {
    onResult: (r) => {
      const bad = superLinear(r.result);
      if (bad || verbose) console.log(`${bad ? 'SUPER-LINEAR' : 'ok'}  ${describe(r)}`);
    },
  });
  const bad = results.filter((r) => superLinear(r.result)).length;
  console.log(`${list.length} regexes audited in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${bad} super-linear`);
  process.exit(bad ? 1 : 0);
}
