// Mutations for the fuzzer: byte and line edits, huge numbers, very long lines,
// deeply repeated headings, lone UTF-16 surrogates, splices, encodings. Each mutator
// takes (text, rnd, pool) and returns { text, op } — `op` names what was done, for
// the report and for reproducing a failure.

const LABELS = [
  '一、本年新收政府信息公开申请数量',
  '二、上年结转政府信息公开申请数量',
  '三、本年度办理结果',
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '（三）不予公开',
  '3.危及“三安全一稳定”',
  '（六）其他处理',
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '（七）总计',
  '四、结转下年度继续办理',
  '行政复议',
  '行政诉讼',
  '结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计',
  '第二十条第（一）项',
  '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数',
  '统计指标 | 单位 | 统计数',
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '自然人 | 法人或其他组织 | 总计',
];
const HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项', '2、主动公开政府信息情况', '（一）主动公开'];
const LINES = [
  ...LABELS,
  ...HEADINGS,
  '| 5 | 0 | 0 | 0 | 0 | 0 | 5 | ||',
  '5 0 0 0 0 0 5',
  '\t0',
  '\t',
  '|',
  '||||',
  '| --- | --- |',
  '本年度共受理政府信息公开申请12件，办结11件，结转下年度1件。',
  '统计期限自2020年1月1日起至2020年12月31日止。',
  '填报日期：2021年1月11日',
  '2021年3月1日',
  '201911日',
  '<!-- nianbao-disable-next-line carry-over -- 原因：口径不同 -->',
  '<!-- nianbao-disable * -->',
  '[image: C:\\Users\\tmp\\a.png]',
  '減5874',
  '101973.15万',
  '——',
  '/',
  '無',
];
const CHARS = ['0', '5', '9', '０', '|', '｜', '\t', ' ', '\u3000', '\n', '\r', '、', '（', '）', '.', '-', '—', '/', '增', '减', '万', '元', '报', '報', '數', '條', '\u0000', '\ufeff', '\u00a0', '\u2028', '\ud800', '\udc00', '𠀀', 'A', '一', '二', '十'];
const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\udc00\ud800', '\ud800\ud800', '\ud83d'];

const int = (rnd, n) => Math.floor(rnd() * n);
const pick = (rnd, xs) => xs[int(rnd, xs.length)];

function lines(text) {
  return text.split('\n');
}

/** Mutators that keep the size about the same (applied in stacks of 1–6). */
export const SMALL = {
  insertChar(text, rnd) {
    const at = int(rnd, text.length + 1);
    const c = rnd() < 0.7 ? pick(rnd, CHARS) : String.fromCharCode(int(rnd, 0x10000));
    return { text: text.slice(0, at) + c + text.slice(at), op: `insert char U+${c.charCodeAt(0).toString(16)} at ${at}` };
  },
  deleteRange(text, rnd) {
    const at = int(rnd, text.length + 1);
    const n = 1 + int(rnd, rnd() < 0.8 ? 4 : 400);
    return { text: text.slice(0, at) + text.slice(at + n), op: `delete ${n} at ${at}` };
  },
  flipByte(text, rnd) {
    // Through UTF-8: an invalid sequence decodes to U+FFFD, as a file read with a bad encoding would.
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length === 0) return { text, op: 'flip byte (empty)' };
    const n = 1 + int(rnd, 8);
    for (let k = 0; k < n; k++) bytes[int(rnd, bytes.length)] = int(rnd, 256);
    return { text: bytes.toString('utf8'), op: `flip ${n} bytes` };
  },
  insertBytes(text, rnd) {
    const bytes = Buffer.from(text, 'utf8');
    const at = int(rnd, bytes.length + 1);
    const junk = Buffer.from(Array.from({ length: 1 + int(rnd, 16) }, () => int(rnd, 256)));
    return { text: Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]).toString('utf8'), op: `insert ${junk.length} bytes at byte ${at}` };
  },
  insertLine(text, rnd) {
    const ls = lines(text);
    const at = int(rnd, ls.length + 1);
    const l = pick(rnd, LINES);
    ls.splice(at, 0, l);
    return { text: ls.join('\n'), op: `insert line ${at}: ${l.slice(0, 20)}` };
  },
  deleteLines(text, rnd) {
    const ls = lines(text);
    const at = int(rnd, ls.length);
    const n = 1 + int(rnd, rnd() < 0.8 ? 2 : 30);
    ls.splice(at, n);
    return { text: ls.join('\n'), op: `delete ${n} lines at ${at}` };
  },
  swapLines(text, rnd) {
    const ls = lines(text);
    const a = int(rnd, ls.length);
    const b = int(rnd, ls.length);
    [ls[a], ls[b]] = [ls[b], ls[a]];
    return { text: ls.join('\n'), op: `swap lines ${a} ${b}` };
  },
  duplicateLines(text, rnd) {
    const ls = lines(text);
    const at = int(rnd, ls.length);
    const n = 1 + int(rnd, 40);
    const times = 1 + int(rnd, 3);
    const block = ls.slice(at, at + n);
    for (let k = 0; k < times; k++) ls.splice(at + n, 0, ...block);
    return { text: ls.join('\n'), op: `duplicate ${n} lines at ${at} ×${times}` };
  },
  moveBlock(text, rnd) {
    const ls = lines(text);
    const at = int(rnd, ls.length);
    const block = ls.splice(at, 1 + int(rnd, 30));
    const to = int(rnd, ls.length + 1);
    ls.splice(to, 0, ...block);
    return { text: ls.join('\n'), op: `move ${block.length} lines ${at} → ${to}` };
  },
  hugeNumber(text, rnd) {
    const runs = [...text.matchAll(/[0-9]+/g)];
    if (runs.length === 0) return { text, op: 'huge number (no number)' };
    const m = pick(rnd, runs);
    const kinds = [
      () => '9'.repeat(1 + int(rnd, 400)),
      () => '1'.repeat(20_000),
      () => '1e308',
      () => '1' + ',000'.repeat(1 + int(rnd, 300)),
      () => '0.' + '0'.repeat(300) + '1',
      () => '-0',
      () => '１２３４５',
      () => 'NaN',
      () => 'Infinity',
      () => String(Number.MAX_SAFE_INTEGER + 2),
      () => '增' + '9'.repeat(30),
      () => '9'.repeat(30) + '万元',
    ];
    const v = pick(rnd, kinds)();
    return { text: text.slice(0, m.index) + v + text.slice(m.index + m[0].length), op: `number at ${m.index} → ${v.slice(0, 16)}… (${v.length})` };
  },
  surrogate(text, rnd) {
    const at = int(rnd, text.length + 1);
    const s = pick(rnd, SURROGATES);
    return { text: text.slice(0, at) + s + text.slice(at), op: `lone surrogate ${[...s].map((c) => c.charCodeAt(0).toString(16)).join('+')} at ${at}` };
  },
  splitSurrogatePair(text, rnd) {
    // Cut a document in the middle of an astral character (as a bad slice would).
    const t = text.replace(/。/g, () => (rnd() < 0.05 ? '𠀀' : '。'));
    const i = t.indexOf('𠀀');
    return i < 0 ? { text: t + '\ud840', op: 'append high surrogate' } : { text: t.slice(0, i + 1) + t.slice(i + 2), op: `split pair at ${i}` };
  },
  splice(text, rnd, pool) {
    const other = pick(rnd, pool);
    const a = int(rnd, text.length + 1);
    const b = int(rnd, other.length + 1);
    const n = int(rnd, 3000);
    return { text: text.slice(0, a) + other.slice(b, b + n) + text.slice(a), op: `splice ${n} chars of another input at ${a}` };
  },
  transform(text, rnd) {
    const kinds = [
      ['CRLF', (t) => t.replace(/\n/g, '\r\n')],
      ['CR only', (t) => t.replace(/\n/g, '\r')],
      ['U+2028 lines', (t) => t.replace(/\n/g, '\u2028')],
      ['tabs→spaces', (t) => t.replace(/\t/g, '    ')],
      ['pipes→full-width', (t) => t.replace(/\|/g, '｜')],
      ['no pipes', (t) => t.replace(/\|/g, '')],
      ['BOM', (t) => '\ufeff' + t],
      ['NUL between lines', (t) => t.replace(/\n/g, '\n\u0000')],
      ['full-width digits', (t) => t.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))],
      ['Traditional', (t) => t.replace(/报/g, '報').replace(/数/g, '數').replace(/条/g, '條').replace(/统计/g, '統計')],
      ['one line', (t) => t.replace(/\n/g, ' ')],
      ['blank lines doubled', (t) => t.replace(/\n/g, '\n\n')],
      ['zeroes', (t) => t.replace(/[1-9]/g, '0')],
    ];
    const [name, f] = pick(rnd, kinds);
    return { text: f(text), op: name };
  },
};

/** Mutators that make large inputs (used now and then; their time budget scales with size). */
export const LARGE = {
  longLine(text, rnd) {
    const size = rnd() < 0.5 ? 10 * 1024 * 1024 : 100_000 + int(rnd, 1_000_000);
    const patterns = ['9', ' ', '\t', '\u3000', '|', '| ', '一、', '（一）', '1 ', '0\t', '中', '报', '數', '第二十条第（一）项', '---', '---|', '| --- ', ':---:|', '<!-- nianbao-disable ', '(不', '统计期限 ', '1,', '1,000', '１', '-', '。', '，', '\ud800', 'ab', '[image:x]', '5 0 0 '];
    const p = pick(rnd, patterns);
    const prefix = pick(rnd, ['', '一、', '1.', '三、本年度办理结果', '<!-- nianbao-disable a', '统计期限', '本年度共受理政府信息公开申请', '(不', '[image:', '| ']);
    const suffix = pick(rnd, ['', 'x', '|', '-->', '件', '\u0000', '总体情况']);
    const line = prefix + p.repeat(Math.ceil(size / p.length)).slice(0, size) + suffix;
    const ls = lines(text);
    const at = int(rnd, ls.length + 1);
    ls.splice(at, 0, line);
    return { text: ls.join('\n'), op: `line of ${(line.length / 1e6).toFixed(1)} M chars: ${JSON.stringify(prefix)} + ${JSON.stringify(p)}… + ${JSON.stringify(suffix)} at line ${at}` };
  },
  repeatedHeadings(text, rnd) {
    const h = pick(rnd, [...HEADINGS, ...LABELS]);
    const n = 1000 + int(rnd, 60_000);
    const sep = pick(rnd, ['\n', '\n\n', ' | ', '\t']);
    const block = (h + sep).repeat(n);
    const at = int(rnd, text.length + 1);
    return { text: text.slice(0, at) + block + text.slice(at), op: `${JSON.stringify(h)} repeated ${n}× (${(block.length / 1e6).toFixed(1)} M chars)` };
  },
  repeatedTables(text, rnd) {
    const n = 20 + int(rnd, 300);
    return { text: text.repeat(n), op: `whole report ×${n}` };
  },
};

/** Applies 1–6 small mutations (and sometimes one large one). */
export function mutate(text, rnd, pool, large = false) {
  const ops = [];
  const kinds = [];
  let t = text;
  const n = 1 + int(rnd, 6);
  for (let k = 0; k < n; k++) {
    const name = pick(rnd, Object.keys(SMALL));
    const r = SMALL[name](t, rnd, pool);
    t = r.text;
    ops.push(r.op);
    kinds.push(name);
  }
  if (large) {
    const name = pick(rnd, Object.keys(LARGE));
    const r = LARGE[name](t, rnd, pool);
    t = r.text;
    ops.push(r.op);
    kinds.push(name);
  }
  return { text: t, ops, kinds };
}

// ------------------------------------------------------------------ mutations outside table 三

/**
 * Lines for the prose around the tables: sentences with and without figures, notes,
 * headings of other parts, a stray pipe line, a row label with a figure.
 */
const PROSE = [
  '本机关2020年共收到政府信息公开申请5件，均已按时办结。',
  '（注：本表数据统计口径与上年一致）',
  '注：含网上申请。',
  '二、主动公开政府信息情况',
  '五、存在的主要问题及改进情况',
  '今年以来，我局认真贯彻落实《中华人民共和国政府信息公开条例》。',
  '联系电话：0571-12345678',
  '2021年1月20日',
  '',
  '   ',
  '\t',
  '| |',
  // A row label of table 三 with a figure, as prose can hold: the table below is still table 三.
  '本年新收政府信息公开申请数量 5',
];

/**
 * Mutators confined to the lines `zone` allows (line indices outside table 三 and a line of
 * margin around it): they must not change table 三's values or its arithmetic findings.
 * Each takes (lines, rnd, zone) and changes `lines` in place; `zone.lines` lists the
 * editable lines, `zone.gaps` the indices a line may be inserted at.
 */
export const OUTSIDE = {
  insertProse(ls, rnd, zone) {
    const at = pick(rnd, zone.gaps);
    const l = pick(rnd, PROSE);
    ls.splice(at, 0, l);
    return `insert line ${at}: ${JSON.stringify(l.slice(0, 20))}`;
  },
  trailingSpace(ls, rnd, zone) {
    const i = pick(rnd, zone.lines);
    const s = pick(rnd, [' ', '  ', '\t', '\u3000', ' \t ']);
    ls[i] = ls[i].endsWith('\r') ? ls[i].slice(0, -1) + s + '\r' : ls[i] + s;
    return `trailing ${JSON.stringify(s)} on line ${i}`;
  },
  leadingSpace(ls, rnd, zone) {
    const i = pick(rnd, zone.lines);
    const s = pick(rnd, [' ', '\u3000\u3000', '\t']);
    ls[i] = s + ls[i];
    return `leading ${JSON.stringify(s)} on line ${i}`;
  },
  control(ls, rnd, zone) {
    const i = pick(rnd, zone.lines);
    let c = pick(rnd, ['\u0000', '\u0001', '\u000b', '\u000c', '\u001b', '\u001f']);
    if (c === '\u000c' && ls[i].length === 0) c = '\u000b';
    // A form feed at a line's start is a page break (pdftotext's): it says the text is PDF text, read
    // as such (rows that drop blanks), so it may change how table 三 reads; inside a line it is a stray control.
    const at = c === '\u000c' ? 1 + int(rnd, ls[i].length) : int(rnd, ls[i].length + 1);
    ls[i] = ls[i].slice(0, at) + c + ls[i].slice(at);
    return `control U+${c.charCodeAt(0).toString(16)} in line ${i} at ${at}`;
  },
  deleteChars(ls, rnd, zone) {
    const i = pick(rnd, zone.lines);
    const at = int(rnd, ls[i].length + 1);
    const n = 1 + int(rnd, 4);
    ls[i] = ls[i].slice(0, at) + ls[i].slice(at + n);
    return `delete ${n} chars of line ${i} at ${at}`;
  },
  replaceCjk(ls, rnd, zone) {
    const i = pick(rnd, zone.lines);
    const at = [...ls[i].matchAll(/[\u4e00-\u9fff]/g)].map((m) => m.index);
    if (at.length === 0) return `replace CJK (none in line ${i})`;
    const k = pick(rnd, at);
    const c = pick(rnd, ['的', '了', '报', '報', '數', '政', '公', '开']);
    ls[i] = ls[i].slice(0, k) + c + ls[i].slice(k + 1);
    return `replace CJK of line ${i} at ${k} by ${c}`;
  },
  deleteLine(ls, rnd, zone) {
    const i = pick(rnd, zone.lines);
    ls[i] = '';
    return `empty line ${i}`;
  },
  blankLines(ls, rnd, zone) {
    const at = pick(rnd, zone.gaps);
    const n = 1 + int(rnd, 3);
    ls.splice(at, 0, ...Array(n).fill(''));
    return `${n} blank lines at ${at}`;
  },
};

/**
 * 1–4 mutations of the lines before table 三 (`span`: its first and last offsets in `text`)
 * and after it, leaving the table's own lines and one line on either side untouched.
 * Returns null when there is no such line.
 */
export function mutateOutside(text, rnd, span) {
  const ls = lines(text);
  const lineOf = (offset) => {
    let n = 0;
    for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) n++;
    return n;
  };
  const first = lineOf(span.start);
  const last = lineOf(span.end);
  const ops = [];
  const kinds = [];
  const n = 1 + int(rnd, 4);
  // Applied from the bottom up: each changes only lines at or after its own, so the
  // table's lines (and those before) keep their indices for the next.
  const picks = [];
  for (let k = 0; k < n; k++) picks.push({ name: pick(rnd, Object.keys(OUTSIDE)), after: rnd() < 0.5 });
  picks.sort((a, b) => Number(b.after) - Number(a.after));
  for (const p of picks) {
    const zone = p.after
      ? { lines: range(last + 2, ls.length - (last + 2)), gaps: range(last + 2, ls.length + 1 - (last + 2)) }
      : { lines: range(0, first - 1), gaps: range(0, first) };
    if (zone.lines.length === 0 || zone.gaps.length === 0) continue;
    ops.push(`${p.after ? 'after' : 'before'} the table: ${OUTSIDE[p.name](ls, rnd, zone)}`);
    kinds.push(p.name);
  }
  if (ops.length === 0) return null;
  return { text: ls.join('\n'), ops, kinds };
}

/** `count` integers from `from` on. */
const range = (from, count) => Array.from({ length: Math.max(0, count) }, (_, k) => from + k);
