// The messenger API over fetch. Network errors, 5xx and 429 are retried with back-off (429 waits for
// Retry-After); other 4xx answers are final and surface as ApiError with the problem details.

/**
 * @typedef {{ enabled: boolean, businessName: string, color: string, greeting: string,
 *   defaultLanguage: string, offeredLanguages?: string[], embedAllowed?: boolean }} Config
 * @typedef {{ available: boolean, status: "online" | "away" | "offline", withinBusinessHours: boolean,
 *   nextOpening: string | null }} Availability
 * @typedef {{ token: string, endUserId: string }} SessionAnswer
 * @typedef {{ name: string | null, email: string | null, emailVerified: boolean, language: string | null }} Profile
 * @typedef {{ id: string, number: number, status: string, lastMessageSeq: number, endUserReadSeq: number,
 *   followUpOfId: string | null, createdAt: string }} Conversation
 * @typedef {{ id: string, fileName: string, contentType: string, sizeBytes: number, inline: boolean }} Attachment
 * @typedef {{ id: string, conversationId: string, seq: number, authorKind: "endUser" | "agent" | "trigger" | "system",
 *   authorName: string | null, channel: "web" | "email", text: string, clientId: string | null, createdAt: string,
 *   attachments: Attachment[], prompt?: "email" | null }} Message
 * @typedef {{ conversation: Conversation, message: Message }} Posted
 * @typedef {{ type?: string, title?: string, status?: number, detail?: string, errors?: Record<string, string[]> }} Problem
 * @typedef {{ attempts?: number, auth?: boolean, signal?: AbortSignal, blob?: boolean }} RequestOptions
 */

export class ApiError extends Error {
  /** @param {number} status @param {Problem} problem */
  constructor(status, problem) {
    super(problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** The problem code: "invalid-email" for urn:parley:problem:invalid-email. */
  get code() {
    return (this.problem.type || "").replace("urn:parley:problem:", "");
  }
}

/**
 * Waits, but wakes early when the browser comes back online.
 * @param {number} ms @param {AbortSignal} [signal]
 */
export function pause(ms, signal) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      removeEventListener("online", done);
      signal?.removeEventListener("abort", done);
      resolve(undefined);
    };
    const timer = setTimeout(done, ms);
    addEventListener("online", done);
    signal?.addEventListener("abort", done);
  });
}

/** @param {number} attempt */
export const backoff = (attempt) => Math.min(30000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);

export class Api {
  /** @param {string} base the Parley origin */
  constructor(base) {
    this.base = base;
    /** @type {string | null} */
    this.token = null;
  }

  /**
   * @template T
   * @param {string} method @param {string} path @param {unknown} [body] @param {RequestOptions} [options]
   * @returns {Promise<T>}
   */
  async request(method, path, body, { attempts = 5, auth = true, signal, blob = false } = {}) {
    /** @type {Record<string, string>} */
    const headers = { Accept: blob ? "*/*" : "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (auth && this.token) headers.Authorization = `Bearer ${this.token}`;
    for (let attempt = 0; ; attempt++) {
      let response;
      try {
        response = await fetch(this.base + path, {
          method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (e) {
        if (signal?.aborted || attempt + 1 >= attempts) throw e;
        await pause(backoff(attempt), signal);
        continue;
      }
      if (response.ok) {
        if (response.status === 204) return /** @type {T} */ (undefined);
        return /** @type {Promise<T>} */ (blob ? response.blob() : response.json());
      }
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt + 1 >= attempts) {
        /** @type {Problem} */
        let problem = {};
        try { problem = await response.json(); } catch { /* not JSON */ }
        throw new ApiError(response.status, problem);
      }
      const after = Number(response.headers.get("Retry-After"));
      await pause(response.status === 429 && after > 0 ? after * 1000 : backoff(attempt), signal);
    }
  }

  /** @returns {Promise<Config>} */
  config() { return this.request("GET", "/messenger/v1/config", undefined, { auth: false }); }

  /** Whether anyone can answer now, and when the business opens again. @returns {Promise<Availability>} */
  status() { return this.request("GET", "/messenger/v1/status", undefined, { auth: false, attempts: 2 }); }

  /** @param {string | undefined} language @returns {Promise<SessionAnswer>} */
  createSession(language) { return this.request("POST", "/messenger/v1/sessions", { language }, { attempts: Infinity }); }

  /** @param {string} jwt @returns {Promise<SessionAnswer>} */
  identify(jwt) { return this.request("POST", "/messenger/v1/sessions/identify", { token: jwt }); }

  /**
   * A session for the end user a continuation email's link names, with the conversation to open.
   * @param {string} link @returns {Promise<SessionAnswer & { conversationId: string }>}
   */
  continueSession(link) { return this.request("POST", "/messenger/v1/sessions/continue", { token: link }); }

  /** @returns {Promise<void>} */
  endSession() { return this.request("DELETE", "/messenger/v1/sessions/current", undefined, { attempts: 2 }); }

  /** @returns {Promise<Profile>} */
  profile() { return this.request("GET", "/messenger/v1/profile"); }

  /** @param {string} email @returns {Promise<Profile>} */
  setEmail(email) { return this.request("PUT", "/messenger/v1/profile/email", { email }); }

  /** @param {string} language @returns {Promise<Profile>} */
  setLanguage(language) { return this.request("PUT", "/messenger/v1/profile/language", { language }); }

  /** @returns {Promise<Conversation[]>} */
  conversations() { return this.request("GET", "/messenger/v1/conversations"); }

  /** @param {string} id @returns {Promise<Conversation>} */
  conversation(id) { return this.request("GET", `/messenger/v1/conversations/${id}`); }

  /**
   * Sends one message, starting a conversation when there is none. Retried until the server answers,
   * always with the same clientId, so the server stores it once.
   * @param {string | null} conversationId @param {{ text: string, clientId: string, pageUrl: string }} input
   * @param {AbortSignal} [signal]
   * @returns {Promise<Posted>}
   */
  send(conversationId, input, signal) {
    const path = conversationId ? `/messenger/v1/conversations/${conversationId}/messages` : "/messenger/v1/conversations";
    return this.request("POST", path, input, { attempts: Infinity, signal });
  }

  /** @param {string} id @param {number} after @returns {Promise<Message[]>} */
  messages(id, after) { return this.request("GET", `/messenger/v1/conversations/${id}/messages?after=${after}&limit=100`); }

  /**
   * A file of a message in one of the end user's conversations, fetched with the session token (which an
   * <img> or a link could not send).
   * @param {string} conversationId @param {string} id @returns {Promise<Blob>}
   */
  file(conversationId, id) {
    return this.request("GET", `/messenger/v1/conversations/${conversationId}/attachments/${id}`, undefined, { attempts: 3, blob: true });
  }

  /** @param {string} id @param {number} seq @returns {Promise<{ conversationId: string, endUserReadSeq: number }>} */
  markRead(id, seq) { return this.request("POST", `/messenger/v1/conversations/${id}/read`, { seq }); }

  /** @param {string} id @param {number} lastSeq */
  eventsUrl(id, lastSeq) {
    const token = encodeURIComponent(this.token || "");
    return `${this.base}/messenger/v1/conversations/${id}/events?access_token=${token}&lastEventId=${lastSeq}`;
  }
}
