// Reading one cell's text as a value. Blank, 0, "/" and text stay distinct.

import { toHalfWidth } from './normalize';

export type ValueKind =
  | 'number' // a plain number, e.g. 5, 3,646, 52.15
  | 'signed' // a signed change, e.g. 减5874, 增7, -82, +16, +0/-0
  | 'amount' // a money amount with its unit, e.g. 16284万元, 251000元 (value in 万元)
  | 'blank' // nothing in the cell
  | 'marker' // "/", "—", "——", "无": explicitly not a number
  | 'text'; // anything else

export interface CellValue {
  kind: ValueKind;
  /** The numeric value, or null for blank, marker and text (and a number too large, below). */
  value: number | null;
  /**
   * A number beyond Number.MAX_SAFE_INTEGER: it cannot be read exactly, so its value is
   * null (the identities through it are not assessed) and bad-value reports it.
   */
  tooLarge?: true;
}

/** The magnitude up to which a number is read exactly. */
const LARGEST = Number.MAX_SAFE_INTEGER;

/** A number of some kind, or its too-large form when `magnitude` (the digits as read) exceeds LARGEST. */
function numeric(kind: ValueKind, value: number, magnitude = Math.abs(value)): CellValue {
  return magnitude > LARGEST ? { kind, value: null, tooLarge: true } : { kind, value };
}

const MARKERS = new Set(['/', '／', '—', '——', '－', '-', '--', '无', '無', '空', '\\', '×']);

const NUMBER = /^[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?$/;
const SIGNED = /^(增|减|減|\+|-|−|－)([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)$/;
const AMOUNT = /^([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)(万元|万|萬元|萬|元)$/;
const ZERO_BOTH_WAYS = /^\+0\/-0$|^\+0\/−0$|^±0$/;

/**
 * A character that no value kind above can contain, in any width: digits, `,` `.`,
 * signs and 增/减, units, markers and whitespace are the only ones that can.
 */
const NOT_IN_ANY_VALUE = /[^0-9,.\/\-+\\—−±×增减減万萬元无無空\s\u00a0０-９，．／－＋＼]/;

/** 1 for the code units NOT_IN_ANY_VALUE leaves out (those a value can hold). */
const VALUE_CODES = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (!NOT_IN_ANY_VALUE.test(String.fromCharCode(c))) VALUE_CODES[c] = 1;

/** Can a value's text end with this code unit (is it in a value's alphabet)? */
export function mayEndValue(c: number): boolean {
  return VALUE_CODES[c] === 1;
}

function num(s: string): number {
  return Number(s.replace(/,/g, ''));
}

/** The results that carry no number are shared (they are never modified). */
const TEXT: CellValue = { kind: 'text', value: null };
const BLANK: CellValue = { kind: 'blank', value: null };
const MARKER: CellValue = { kind: 'marker', value: null };

/** Parses a cell's raw text. */
export function parseValue(raw: string): CellValue {
  // Prose and labels hold characters no value can: settled without normalising them.
  // Plain digits, the commonest value, are read here too.
  let digits = raw.length > 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (VALUE_CODES[c] === 0) return TEXT;
    if (c < 0x30 || c > 0x39) digits = false;
  }
  if (digits) return numeric('number', Number(raw));
  const t = toHalfWidth(raw).replace(/[\s\u00a0]+/g, '');
  if (t === '') return BLANK;
  if (MARKERS.has(t)) return MARKER;
  if (NUMBER.test(t)) return numeric('number', num(t));
  if (ZERO_BOTH_WAYS.test(t)) return { kind: 'signed', value: 0 };
  let m = SIGNED.exec(t);
  if (m) {
    const sign = m[1] === '增' || m[1] === '+' ? 1 : -1;
    return numeric('signed', sign * num(m[2]));
  }
  m = AMOUNT.exec(t);
  if (m) {
    const v = num(m[1]);
    return numeric('amount', m[2].endsWith('元') && !m[2].startsWith('万') && !m[2].startsWith('萬') ? v / 10000 : v, v);
  }
  return TEXT;
}

/** True when a cell's text reads as a value of some kind (so it is not a label). */
export function looksLikeValue(raw: string): boolean {
  return parseValue(raw).kind !== 'text';
}

/** True for a token made only of digits (ASCII or full-width), as found glued to a label. */
export function isDigits(raw: string): boolean {
  return /^[0-9０-９]+$/.test(raw);
}
