'use strict';
// A thin fetch wrapper for the motcua HTTP API: JSON in and out, bearer tokens, retries where the contract says so.

const RETRYABLE = new Set([429, 502, 503, 504]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class ApiError extends Error {
  constructor(method, path, status, body) {
    const detail = body && body.error ? `${body.error.code}: ${body.error.message}` : JSON.stringify(body);
    super(`${method} ${path} → ${status} ${detail}`);
    this.status = status;
    this.body = body;
  }
}

class ApiClient {
  constructor(baseUrl, { timeoutMs = 120_000, retries = 5 } = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
    this.retries = retries;
  }

  /** Returns {status, body}; retries network errors, 429 and 503 (the contract: nothing was half-written). */
  async request(method, path, { token, body, expect, retry = true } = {}) {
    let attempt = 0;
    for (;;) {
      attempt++;
      let res;
      try {
        res = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (err) {
        if (retry && attempt <= this.retries) {
          await sleep(250 * 2 ** attempt);
          continue;
        }
        throw new Error(`${method} ${path}: ${err.cause ? err.cause.message : err.message}`);
      }
      const text = await res.text();
      let parsed;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      if (retry && RETRYABLE.has(res.status) && attempt <= this.retries) {
        const after = Number(res.headers.get('retry-after'));
        await sleep(after > 0 ? after * 1000 : 250 * 2 ** attempt);
        continue;
      }
      if (expect && !expect.includes(res.status)) throw new ApiError(method, path, res.status, parsed);
      return { status: res.status, body: parsed };
    }
  }

  async login(username, password) {
    const { body } = await this.request('POST', '/api/v1/auth/token', {
      body: { username, password },
      expect: [200],
    });
    return body.accessToken;
  }

  /** Creates a user; an existing one (409) is fine when re-running against the same database. */
  async ensureUser(adminToken, user) {
    const { status, body } = await this.request('POST', '/api/v1/users', {
      token: adminToken,
      body: { username: user.username, password: user.password, roles: user.roles, units: user.units },
      expect: [200, 201, 409],
    });
    return { created: status !== 409, body };
  }

  async get(path, token) {
    return (await this.request('GET', path, { token, expect: [200] })).body;
  }

  /** Every item of a paged list (`{items, nextCursor}`), following cursors. */
  async all(path, token, limit = 200) {
    const items = [];
    let cursor = null;
    const sep = path.includes('?') ? '&' : '?';
    do {
      const page = await this.get(
        `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        token,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}

module.exports = { ApiClient, ApiError };
