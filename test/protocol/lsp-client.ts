// A small LSP test client: spawns the BUNDLED language server (dist/server.js --stdio)
// and speaks JSON-RPC with it, as an editor would. It answers the server's requests
// (workspace/configuration, client/registerCapability, workspace/applyEdit), records
// what the server publishes and logs, and offers helpers to drive documents.

import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';

/** Repo root, from out/test/protocol/*.js. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');

export interface ClientSettings {
  detect?: 'auto' | 'languageOnly' | string;
  validate?: 'onType' | 'onSave' | string;
  debounceMs?: number;
  maxDocumentSize?: number;
  locale?: 'auto' | 'zh-cn' | 'en' | string;
  rules?: Record<string, unknown>;
  pdf?: { maxPages?: number; timeLimit?: number };
}

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = { detect: 'auto', validate: 'onType', debounceMs: 0, locale: 'zh-cn' };

export interface Publish extends PublishDiagnosticsParams {
  /** Position of this publish in the client's log of all publishes (all uris). */
  seq: number;
  at: number;
}

export interface LogEntry {
  type: number;
  message: string;
}

interface Waiter {
  uri: string;
  since: number;
  predicate: (p: Publish) => boolean;
  resolve: (p: Publish) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface StartOptions {
  settings?: ClientSettings;
  /** Sent as InitializeParams.locale. */
  locale?: string;
  /** Sent as InitializeParams.workspaceFolders (file URIs). */
  workspaceFolders?: string[];
  /** Answered for the `files.exclude` section of workspace/configuration. */
  filesExclude?: Record<string, boolean>;
  /** Sent as the window.workDoneProgress capability: the server may create progress (false when not given). */
  workDoneProgress?: boolean;
}

export class LspTestClient {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  /** Settings answered to workspace/configuration (for every scope unless overridden per uri). */
  settings: ClientSettings;
  /** Per-uri overrides, merged over `settings`. */
  readonly settingsByUri = new Map<string, ClientSettings>();
  readonly publishes: Publish[] = [];
  readonly logs: LogEntry[] = [];
  /** The `nianbao/status` notifications received, in order. */
  readonly statuses: { uri: string; checked: boolean; message?: string; seq: number }[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly registrations: unknown[] = [];
  readonly configurationRequests: unknown[] = [];
  /** Answered for the `files.exclude` section. */
  filesExclude: Record<string, boolean> | null = null;
  /** Delay before answering workspace/configuration (to let edits overtake a settings fetch). */
  configDelayMs = 0;
  /** Tokens of the work-done progress the server created (window/workDoneProgress/create). */
  readonly progressCreated: (string | number)[] = [];
  /** Every $/progress notification, in order. */
  readonly progress: { token: string | number; value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean } }[] = [];
  private progressWaiters: (() => void)[] = [];

  /** Resolves with the first $/progress (since index `since`) that satisfies `predicate`. */
  async waitForProgress(predicate: (p: LspTestClient['progress'][number]) => boolean, timeoutMs = 10_000, since = 0): Promise<LspTestClient['progress'][number]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.progress.slice(since).find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such $/progress within ${timeoutMs} ms; got ${JSON.stringify(this.progress.slice(-5))}\n${this.failureContext()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.progressWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  stderr = '';
  initializeResult: InitializeResult | undefined;
  private waiters: Waiter[] = [];
  private statusWaiters: (() => void)[] = [];
  private applyEditWaiters: ((e: ApplyWorkspaceEditParams) => void)[] = [];
  private exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private exitPromise: Promise<void>;

  private constructor(options: StartOptions) {
    this.settings = { ...DEFAULT_CLIENT_SETTINGS, ...(options.settings ?? {}) };
    this.filesExclude = options.filesExclude ?? null;
    this.child = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exitPromise = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exited = { code, signal };
        const err = new Error(`language server exited (code ${code}, signal ${signal})\n${this.failureContext()}`);
        for (const w of this.waiters.splice(0)) {
          clearTimeout(w.timer);
          w.reject(err);
        }
        resolve();
      });
    });
    this.child.on('error', (e) => {
      this.stderr += `\n[spawn error] ${e.message}`;
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (d: string) => {
      this.stderr += d;
    });

    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onError(([e]) => {
      this.stderr += `\n[connection error] ${e?.message ?? String(e)}`;
    });

    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const p: Publish = { ...params, seq: this.publishes.length, at: Date.now() };
      this.publishes.push(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && p.seq >= w.since && w.predicate(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          clearTimeout(w.timer);
          w.resolve(p);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (params: LogEntry) => {
      this.logs.push({ type: params.type, message: params.message });
    });
    this.connection.onNotification('window/showMessage', (params: LogEntry) => {
      this.logs.push({ type: params.type, message: `[showMessage] ${params.message}` });
    });
    this.connection.onNotification('nianbao/status', (params: { uri: string; checked: boolean; message?: string }) => {
      this.statuses.push({ ...params, seq: this.publishes.length });
      for (const f of this.statusWaiters.splice(0)) f();
    });
    this.connection.onNotification('$/logTrace', () => undefined);
    this.connection.onNotification('telemetry/event', () => undefined);

    this.connection.onRequest('workspace/configuration', async (params: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests.push(params);
      if (this.configDelayMs > 0) await new Promise((r) => setTimeout(r, this.configDelayMs));
      return params.items.map((item) => {
        const s = { ...this.settings, ...(item.scopeUri ? this.settingsByUri.get(item.scopeUri) ?? {} : {}) };
        if (!item.section || item.section === 'nianbao') return s;
        if (item.section.startsWith('nianbao.')) return (s as Record<string, unknown>)[item.section.slice('nianbao.'.length)] ?? null;
        if (item.section === 'files.exclude') return this.filesExclude;
        return null;
      });
    });
    this.connection.onRequest('client/registerCapability', (params: unknown) => {
      this.registrations.push(params);
      return null;
    });
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      this.progressCreated.push(params.token);
      return null;
    });
    this.connection.onUnhandledProgress((p) => {
      this.progress.push(p as LspTestClient['progress'][number]);
      for (const w of this.progressWaiters.splice(0)) w();
    });
    this.connection.onRequest('workspace/workspaceFolders', () => null);
    this.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(params);
      for (const w of this.applyEditWaiters.splice(0)) w(params);
      return { applied: true };
    });
    this.connection.listen();
  }

  /** Spawns the bundled server and completes the initialize handshake. */
  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const c = new LspTestClient(options);
    c.initializeResult = await c.request<InitializeResult>('initialize', c.initializeParams(options), 10_000);
    await c.connection.sendNotification('initialized', {});
    return c;
  }

  /** Spawns the bundled server without the initialize handshake (to test what comes before it). */
  static spawn(options: StartOptions = {}): LspTestClient {
    return new LspTestClient(options);
  }

  /** The InitializeParams `start` sends. */
  initializeParams(options: StartOptions = {}): unknown {
    return {
      processId: process.pid,
      rootUri: null,
      locale: options.locale ?? 'zh-cn',
      capabilities: {
        workspace: {
          configuration: true,
          applyEdit: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true },
          executeCommand: { dynamicRegistration: false },
        },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } },
            isPreferredSupport: true,
            dataSupport: true,
          },
        },
        window: { workDoneProgress: options.workDoneProgress ?? false },
      },
      workspaceFolders: options.workspaceFolders ? options.workspaceFolders.map((uri, i) => ({ uri, name: `folder${i}` })) : null,
    };
  }

  /** Resolves when the server process has exited (at once if it has), with its exit code and signal. */
  async exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    await this.exitPromise;
    return this.exited!;
  }

  /** The server's stderr and log messages, for assertion messages. */
  failureContext(): string {
    const logs = this.logs.map((l) => `  [log ${l.type}] ${l.message}`).join('\n');
    return `--- server stderr ---\n${this.stderr || '(empty)'}\n--- server log messages ---\n${logs || '(none)'}`;
  }

  get alive(): boolean {
    return this.exited === null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends a request; rejects (with the server's stderr and logs) when it does not answer in time. */
  async request<R = unknown>(method: string, params: unknown, timeoutMs = 5000): Promise<R> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method}: no answer in ${timeoutMs} ms\n${this.failureContext()}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.connection.sendRequest(method, params) as Promise<R>, timeout]);
    } catch (e) {
      if (e instanceof Error && !e.message.includes('--- server stderr ---')) e.message += `\n${this.failureContext()}`;
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  changeConfiguration(settings: unknown = null): Promise<void> {
    return this.notify('workspace/didChangeConfiguration', { settings });
  }

  /** The number of publishes so far: pass it as `since` to wait only for later ones. */
  mark(): number {
    return this.publishes.length;
  }

  publishesFor(uri: string, since = 0): Publish[] {
    return this.publishes.filter((p) => p.uri === uri && p.seq >= since);
  }

  /** Resolves with the first publish for `uri` (at or after `since`) that matches. */
  waitForDiagnostics(uri: string, predicate: (p: Publish) => boolean = () => true, timeoutMs = 5000, since = 0): Promise<Publish> {
    const done = this.publishes.find((p) => p.uri === uri && p.seq >= since && predicate(p));
    if (done) return Promise.resolve(done);
    if (!this.alive) return Promise.reject(new Error(`language server is not running\n${this.failureContext()}`));
    return new Promise<Publish>((resolve, reject) => {
      const w: Waiter = {
        uri,
        since,
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          const seen = this.publishesFor(uri, since)
            .map((p) => `  version ${p.version}: ${p.diagnostics.length} diagnostics`)
            .join('\n');
          reject(new Error(`no matching publishDiagnostics for ${uri} in ${timeoutMs} ms; seen:\n${seen || '  (none)'}\n${this.failureContext()}`));
        }, timeoutMs),
      };
      this.waiters.push(w);
    });
  }

  /** Resolves with the first `nianbao/status` for `uri` that matches (one already received included). */
  waitForStatus(uri: string, predicate: (s: LspTestClient['statuses'][number]) => boolean, timeoutMs = 5000): Promise<LspTestClient['statuses'][number]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching nianbao/status for ${uri} in ${timeoutMs} ms: ${JSON.stringify(this.statuses.filter((s) => s.uri === uri))}\n${this.failureContext()}`)), timeoutMs);
      const look = () => {
        const s = this.statuses.find((x) => x.uri === uri && predicate(x));
        if (s) {
          clearTimeout(timer);
          resolve(s);
        } else this.statusWaiters.push(look);
      };
      look();
    });
  }

  /** Resolves with the next workspace/applyEdit the server sends (or one already received at index >= since). */
  waitForApplyEdit(timeoutMs = 5000, since = 0): Promise<ApplyWorkspaceEditParams> {
    if (this.appliedEdits.length > since) return Promise.resolve(this.appliedEdits[since]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no workspace/applyEdit in ${timeoutMs} ms\n${this.failureContext()}`)), timeoutMs);
      this.applyEditWaiters.push((e) => {
        clearTimeout(timer);
        resolve(e);
      });
    });
  }

  /** Sends shutdown and exit; kills the child by its PID when it has not exited 2 s later. */
  async shutdown(): Promise<void> {
    if (this.alive) {
      try {
        await this.request('shutdown', null, 2000);
        await this.notify('exit', null);
      } catch {
        // a dead or stuck server is killed below
      }
      const exited = await Promise.race([this.exitPromise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2000).unref())]);
      if (!exited && this.child.pid !== undefined) {
        try {
          process.kill(this.child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await Promise.race([this.exitPromise, new Promise((r) => setTimeout(r, 1000).unref())]);
      }
    }
    for (const w of this.waiters.splice(0)) clearTimeout(w.timer);
    this.connection.dispose();
    this.child.stdin?.destroy();
    this.child.stdout?.destroy();
    this.child.stderr?.destroy();
  }
}

/** Diagnostics of a publish, for messages: one line each. */
export function describeDiagnostics(ds: Diagnostic[]): string {
  return ds.map((d) => `  ${d.code} sev${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).join('\n');
}
