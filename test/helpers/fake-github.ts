// A local GitHub REST API for the endpoints riskgate uses, behaving as GitHub documents them:
// pagination with Link headers; 422 for a review comment outside the diff or whose start_line is
// in another hunk (and the whole review is rejected); 403 for writes with a read-only (fork)
// token; 404; rate limits with retry-after; transient 502s. Request bodies and parameters are
// validated against GitHub's published OpenAPI description (test/schemas/github-rest-subset.json).

import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parsePatch } from '../../src/action/diff.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const openapi = JSON.parse(readFileSync(`${ROOT}test/schemas/github-rest-subset.json`, 'utf8'));

/**
 * A file's `patch` as GitHub's "list pull request files" gives it: the unified diff (3 lines of
 * context) from its first hunk on, without git's header lines. `git` runs git in the checkout.
 */
export function patchOf(git: (...args: string[]) => string, base: string, head: string, path: string): string {
  return git('diff', '-U3', base, head, '--', path).replace(/^[\s\S]*?(?=@@)/, '');
}

export interface FakePrFile {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  previous_filename?: string;
  patch?: string;
}

export interface StoredComment {
  id: number;
  path: string;
  line: number;
  start_line: number | null;
  side: string;
  body: string;
  commit_id: string;
  in_reply_to_id?: number;
  user: { login: string; type: string };
  pull_request_review_id: number;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times: number;
}

export class FakeGitHub {
  server!: Server;
  url = '';
  headSha = '';
  /** The pull request GET /pulls/{n} returns. */
  pull: { number: number; head: { sha: string; repo: { full_name: string } }; base: { sha: string; repo: { full_name: string } }; changed_files?: number } | null = null;
  files: FakePrFile[] = [];
  comments: StoredComment[] = [];
  reviews: { id: number; body: string; commit_id: string; event: string; user: { login: string; type: string } }[] = [];
  contents = new Map<string, string>();
  requests: { method: string; path: string; status: number; body: unknown }[] = [];
  faults: Fault[] = [];
  /** Tokens that may write; any other token is read-only, as for a fork's pull request. */
  writeTokens = new Set(['write-token']);
  readonly validationErrors: string[] = [];
  private nextId = 1000;
  private readonly ajv = new (Ajv as unknown as typeof Ajv.default)({ strict: false, allErrors: true });

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    const addr = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${addr.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? JSON.parse(raw) : undefined;
    const method = req.method ?? 'GET';
    const send = (status: number, data?: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method, path: url.pathname + url.search, status, body });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999', ...headers });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };
    const fault = this.faults.find((f) => f.times > 0 && f.method === method && f.path.test(url.pathname));
    if (fault) {
      fault.times--;
      return send(fault.status, fault.body ?? { message: 'fault' }, fault.headers);
    }
    const token = (req.headers.authorization ?? '').replace(/^(token|bearer)\s+/i, '');
    const m = (re: RegExp) => re.exec(url.pathname);
    let match: RegExpExecArray | null;

    if ((match = m(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/)) && method === 'GET') {
      this.validate('/repos/{owner}/{repo}/pulls/{pull_number}', 'get', url, undefined);
      if (!this.pull || this.pull.number !== Number(match[3])) return send(404, { message: 'Not Found' });
      return send(200, { ...this.pull, changed_files: this.files.length });
    }
    if ((match = m(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/)) && method === 'GET') {
      this.validate('/repos/{owner}/{repo}/pulls/{pull_number}/files', 'get', url, undefined);
      return this.paginate(url, this.files, send);
    }
    if ((match = m(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/comments$/)) && method === 'GET') {
      this.validate('/repos/{owner}/{repo}/pulls/{pull_number}/comments', 'get', url, undefined);
      return this.paginate(url, this.comments, send);
    }
    if ((match = m(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/))) {
      if (method === 'GET') {
        this.validate('/repos/{owner}/{repo}/pulls/{pull_number}/reviews', 'get', url, undefined);
        return this.paginate(url, this.reviews, send);
      }
      if (method === 'POST') {
        this.validate('/repos/{owner}/{repo}/pulls/{pull_number}/reviews', 'post', url, body);
        if (!this.writeTokens.has(token)) return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request', status: '403' });
        const error = this.checkAnchors(body);
        if (error) return send(422, { message: 'Unprocessable Entity', errors: [error], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request', status: '422' });
        const review = { id: this.nextId++, body: body.body ?? '', commit_id: body.commit_id ?? this.headSha, event: body.event ?? 'PENDING', user: { login: 'github-actions[bot]', type: 'Bot' } };
        this.reviews.push(review);
        for (const c of body.comments ?? []) {
          this.comments.push({ id: this.nextId++, path: c.path, line: c.line, start_line: c.start_line ?? null, side: c.side ?? 'RIGHT', body: c.body, commit_id: review.commit_id, user: review.user, pull_request_review_id: review.id });
        }
        return send(200, review);
      }
    }
    if ((match = m(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/comments\/(\d+)$/)) && method === 'DELETE') {
      this.validate('/repos/{owner}/{repo}/pulls/comments/{comment_id}', 'delete', url, undefined);
      if (!this.writeTokens.has(token)) return send(403, { message: 'Resource not accessible by integration' });
      const i = this.comments.findIndex((c) => c.id === Number(match![3]));
      if (i < 0) return send(404, { message: 'Not Found' });
      this.comments.splice(i, 1);
      return send(204);
    }
    if ((match = m(/^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/)) && method === 'GET') {
      this.validate('/repos/{owner}/{repo}/contents/{path}', 'get', url, undefined);
      const text = this.contents.get(`${decodeURIComponent(match[3])}@${url.searchParams.get('ref')}`);
      if (text === undefined) return send(404, { message: 'Not Found' });
      return send(200, { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64'), path: match[3] });
    }
    return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }

  private paginate<T>(url: URL, items: T[], send: (s: number, d: unknown, h?: Record<string, string>) => void): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number) => {
      const u = new URL(url.toString());
      u.searchParams.set('page', String(p));
      u.searchParams.set('per_page', String(perPage));
      return u.toString();
    };
    const rels = [];
    if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
    if (page > 1) rels.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
    send(200, items.slice((page - 1) * perPage, page * perPage), rels.length ? { link: rels.join(', ') } : {});
  }

  /** GitHub's documented rule: every comment line in the diff (RIGHT side), start_line in the same hunk and before line. */
  private checkAnchors(body: { comments?: { path: string; line?: number; start_line?: number; side?: string; position?: number }[] }): string | null {
    for (const c of body.comments ?? []) {
      const file = this.files.find((f) => f.filename === c.path);
      if (!file) return `Path could not be resolved: ${c.path}`;
      if (c.line === undefined) return 'Pull request review thread line must be part of the diff';
      const diff = parsePatch(file.patch);
      const hunk = diff.lines.get(c.line);
      if (hunk === undefined || (c.side && c.side !== 'RIGHT')) return 'Pull request review thread line must be part of the diff';
      if (c.start_line !== undefined) {
        if (c.start_line >= c.line) return 'Pull request review thread start line must precede the end line';
        if (diff.lines.get(c.start_line) !== hunk) return 'Pull request review thread start line must be part of the same hunk as the line.';
      }
    }
    return null;
  }

  private validate(path: string, method: string, url: URL, body: unknown): void {
    const op = openapi.paths[path]?.[method];
    if (!op) {
      this.validationErrors.push(`${method.toUpperCase()} ${path}: not in the OpenAPI subset`);
      return;
    }
    for (const p of op.parameters as { name: string; in: string; schema?: { type?: string; enum?: string[] } }[]) {
      if (p.in !== 'query' || !url.searchParams.has(p.name)) continue;
      const v = url.searchParams.get(p.name)!;
      if (p.schema?.type === 'integer' && !/^\d+$/.test(v)) this.validationErrors.push(`${method.toUpperCase()} ${path}: query ${p.name}=${v} is not an integer`);
    }
    const known = new Set((op.parameters as { name: string; in: string }[]).filter((p) => p.in === 'query').map((p) => p.name));
    for (const k of url.searchParams.keys()) if (!known.has(k)) this.validationErrors.push(`${method.toUpperCase()} ${path}: unknown query parameter ${k}`);
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (schema && body !== undefined) {
      const validate = this.ajv.compile(schema);
      if (!validate(body)) this.validationErrors.push(`${method.toUpperCase()} ${path}: ${this.ajv.errorsText(validate.errors)}`);
    }
  }
}
