// The connection's transport and the LSP lifecycle, below the features.
//
// Framing (stdio). vscode-jsonrpc's StreamMessageReader, given a header it cannot use,
// fires an error the server never sees and goes on reading: `Content-Length: abc` or a
// missing length leave the body's bytes to be read as the next header; a negative length
// is taken as a length; a length shorter than its body leaves the rest of the body to be
// read as a header; headers ending in LF alone are never found, so every later byte is
// buffered (and the buffer is scanned from its start on each read). The server then
// answers nothing, forever. No byte stream can be resynchronised reliably once a frame's
// length is wrong (a document's text may hold anything that looks like a header), so
// `FrameGuard` checks the framing on the way in, byte for byte in headers and by count in
// bodies, and on the first bad byte reports it: the server logs one line on stderr and
// exits non-zero, and the client (VS Code's, or any that supervises its server) restarts it.
//
// Lifecycle (every transport). vscode-languageserver dispatches whatever comes, whenever it
// comes. `lifecycleStrategy` enforces the base protocol's order: before `initialize`,
// requests are answered with ServerNotInitialized and notifications other than `exit` are
// dropped; a second `initialize` and every request after `shutdown` get InvalidRequest.

import { Transform, type TransformCallback } from 'node:stream';
import { ErrorCodes, Message, ResponseError, type MessageStrategy, type NotificationMessage, type RequestMessage } from 'vscode-languageserver/node';
import { INTERNAL_METHODS } from './protocol';

/** The largest body the server reads: a longer one could not be decoded into one string. */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;
/** Headers are a line or two; more than this without the blank line is not a header. */
const MAX_HEADER_BYTES = 8 * 1024;

const CR = 13;
const LF = 10;
const COLON = 58;
/** RFC 7230 token characters (header names). */
const TOKEN = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TOKEN[c.charCodeAt(0)] = 1;

/**
 * Passes a byte stream of LSP frames through unchanged, up to the first byte that breaks
 * the base protocol's framing; then passes nothing more and calls `onBroken` once, with the reason.
 */
export class FrameGuard extends Transform {
  /** Body bytes still to come in the current frame. */
  private body = 0;
  /** The current header line, and whether its colon has been seen. */
  private line: number[] = [];
  private colon = false;
  private afterCR = false;
  private headerBytes = 0;
  private contentLength: string | undefined;
  private broken = false;

  constructor(private readonly onBroken: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.broken) return done();
    let i = 0;
    let reason: string | undefined;
    while (i < chunk.length && reason === undefined) {
      if (this.body > 0) {
        const n = Math.min(this.body, chunk.length - i);
        this.body -= n;
        i += n;
        continue;
      }
      reason = this.headerByte(chunk[i++]);
    }
    if (reason === undefined) {
      this.push(chunk);
      return done();
    }
    this.broken = true;
    // The frames before the bad byte still go through.
    if (i > 1) this.push(chunk.subarray(0, i - 1));
    this.onBroken(reason);
    done();
  }

  /** One byte of a header section; a reason when it breaks the framing. */
  private headerByte(b: number): string | undefined {
    if (++this.headerBytes > MAX_HEADER_BYTES) return `no end of the header after ${MAX_HEADER_BYTES} bytes`;
    if (this.afterCR) {
      this.afterCR = false;
      if (b !== LF) return 'a header line ends in CR without LF';
      return this.endOfLine();
    }
    if (b === CR) {
      this.afterCR = true;
      return undefined;
    }
    if (b === LF) return `a header line ends in LF without CR: ${JSON.stringify(this.text())}`;
    if (!this.colon) {
      if (b === COLON && this.line.length > 0) this.colon = true;
      else if (b >= 128 || !TOKEN[b]) return `byte 0x${b.toString(16).padStart(2, '0')} where a header name is expected${this.line.length ? ` (after ${JSON.stringify(this.text())})` : ''}`;
    } else if (b !== 9 && (b < 32 || b > 126)) return `byte 0x${b.toString(16).padStart(2, '0')} in the value of header ${JSON.stringify(this.text())}`;
    this.line.push(b);
    return undefined;
  }

  private text(): string {
    return String.fromCharCode(...this.line.slice(0, 200));
  }

  private endOfLine(): string | undefined {
    if (this.line.length > 0) {
      if (!this.colon) return `header line without a colon: ${JSON.stringify(this.text())}`;
      const text = this.text();
      const colon = text.indexOf(':');
      if (text.slice(0, colon).toLowerCase() === 'content-length') this.contentLength = text.slice(colon + 1).trim();
      this.line = [];
      this.colon = false;
      return undefined;
    }
    // The blank line: the header is complete.
    const value = this.contentLength;
    this.contentLength = undefined;
    this.headerBytes = 0;
    if (value === undefined) return 'the header has no Content-Length';
    if (!/^\d{1,15}$/.test(value)) return `Content-Length ${JSON.stringify(value)} is not a number of bytes`;
    const length = Number(value);
    if (length > MAX_BODY_BYTES) return `Content-Length ${length} exceeds the largest message the server reads (${MAX_BODY_BYTES} bytes)`;
    this.body = length;
    return undefined;
  }
}

/** The internal method a refused request is turned into; its handler answers with the error. */
export const REFUSED_METHOD = INTERNAL_METHODS.refused;

export interface LifecycleState {
  phase: 'new' | 'initialized' | 'shutdown';
}

/**
 * A message strategy (vscode-jsonrpc's hook between reading a message and dispatching it)
 * that enforces the lifecycle. A refused request is dispatched as `REFUSED_METHOD`
 * (register `refusedHandler` for it), so that it is answered, in order, like any other.
 */
export function lifecycleStrategy(state: LifecycleState): MessageStrategy {
  const refuse = (m: RequestMessage, code: number, message: string): RequestMessage => ({ jsonrpc: m.jsonrpc, id: m.id, method: REFUSED_METHOD, params: { code, message: `${m.method}: ${message}` } });
  return {
    handleMessage(message: Message, next: (message: Message) => void): void {
      if (Message.isRequest(message)) {
        if (message.method === 'initialize') {
          if (state.phase !== 'new') return next(refuse(message, ErrorCodes.InvalidRequest, 'the server is already initialized'));
          state.phase = 'initialized';
          return next(message);
        }
        if (state.phase === 'new') return next(refuse(message, ErrorCodes.ServerNotInitialized, 'the server is not initialized'));
        if (state.phase === 'shutdown') return next(refuse(message, ErrorCodes.InvalidRequest, 'the server is shutting down'));
        if (message.method === 'shutdown') state.phase = 'shutdown';
        return next(message);
      }
      if (Message.isNotification(message) && state.phase === 'new' && (message as NotificationMessage).method !== 'exit') return; // dropped, as the spec says
      next(message);
    },
  };
}

export function refusedHandler(params: { code: number; message: string }): ResponseError<void> {
  return new ResponseError(params.code, params.message);
}
