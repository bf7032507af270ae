/**
 * A real SMTP server for the mail tests (smtp-server), whose messages are parsed with mailparser: no mocked
 * transport anywhere. It listens on a free port of 127.0.0.1, keeps every message it accepted, and can
 * misbehave on demand: answer 4xx or 5xx for a while, a number of times or for one domain; drop the connection
 * after DATA (the message kept, the "250" never sent); hold its answer to DATA until the test releases it (the
 * message kept only if the client is still there to hear the answer); stop, and start again on the same port.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  rcptTo: string[];
  mailFrom: string | null;
  messageId: string | undefined;
  subject: string | undefined;
  text: string;
  html: string;
  /** The whole parsed message (headers, addresses, attachments). */
  parsed: ParsedMail;
  receivedAt: number;
}

/** A refusal: `code` and text, for `forMs` from now or the next `times` messages, for one domain or all. */
export interface Refusal {
  code: number;
  message: string;
  forMs?: number;
  times?: number;
  /** Only recipients at this domain are refused (answered at RCPT TO); others are accepted. */
  domain?: string;
}

interface ActiveRefusal extends Refusal {
  until: number | null;
  left: number | null;
}

type SmtpError = Error & { responseCode?: number };

function smtpError(code: number, message: string): SmtpError {
  const err: SmtpError = new Error(message);
  err.responseCode = code;
  return err;
}

export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  /** Every DATA the server read, kept or not (for "was it even tried?"). */
  dataSeen = 0;
  /** Every RCPT TO refused. */
  refused = 0;
  /** Called right after a "250" was written for a kept message (the chaos run kills the sender there). */
  afterAccept: ((mail: ReceivedMail) => void) | null = null;
  private server: SMTPServer | null = null;
  private refusals: ActiveRefusal[] = [];
  private drops = 0;
  private hold: {
    waiting: Promise<void>;
    release: () => void;
    reached: () => void;
    keepIfClientGone: boolean;
  } | null = null;
  private readonly closedSessions = new Set<string>();

  private constructor(public port: number) {}

  /** Starts on a free port (or `port`). */
  static async start(port = 0): Promise<TestSmtpServer> {
    const s = new TestSmtpServer(port);
    await s.listen();
    return s;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Answers `code` for a while, a number of times, or for one domain (default: the next message only). */
  refuse(r: Refusal): void {
    this.refusals.push({
      ...r,
      until: r.forMs !== undefined ? Date.now() + r.forMs : null,
      left: r.times ?? (r.forMs === undefined && r.domain === undefined ? 1 : null),
    });
  }

  /** Accepts everything again. */
  reset(): void {
    this.refusals = [];
    this.drops = 0;
    this.hold?.release();
    this.hold = null;
  }

  /** The next `times` messages are read and kept, then the connection is cut instead of answering "250". */
  dropAfterData(times = 1): void {
    this.drops += times;
  }

  /**
   * The next DATA is read and then left unanswered until `release()`; `reached` resolves once a client is
   * waiting. A client that leaves meanwhile (killed) never heard a "250": its message is not kept, unless
   * `keepIfClientGone` (a relay that had queued the mail when the client vanished before hearing so).
   */
  holdData(opts: { keepIfClientGone?: boolean } = {}): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let reached!: () => void;
    const waiting = new Promise<void>((r) => (release = r));
    const reachedP = new Promise<void>((r) => (reached = r));
    this.hold = { waiting, release, reached, keepIfClientGone: opts.keepIfClientGone ?? false };
    return { reached: reachedP, release };
  }

  /** Clients connected now. */
  get openConnections(): number {
    return this.server?.connections.size ?? 0;
  }

  /** Waits until `n` messages were kept; returns them. */
  async waitForMessages(n: number, timeoutMs = 20_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < n) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${n} mail(s), got ${this.messages.length}`,
        );
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.messages.slice(0, n);
  }

  /** Stops listening and cuts every open connection (the relay is down). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const c of server.connections) c._socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Starts again on the same port (the relay is back). */
  async restart(): Promise<void> {
    await this.stop();
    await this.listen();
  }

  private activeRefusal(rcpt: string | null): ActiveRefusal | null {
    const now = Date.now();
    this.refusals = this.refusals.filter(
      (r) => (r.until === null || r.until > now) && (r.left === null || r.left > 0),
    );
    return (
      this.refusals.find((r) =>
        rcpt === null
          ? r.domain === undefined
          : r.domain !== undefined && rcpt.toLowerCase().endsWith(`@${r.domain}`),
      ) ?? null
    );
  }

  private listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      socketTimeout: 60_000,
      closeTimeout: 100,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        const r = this.activeRefusal(address.address);
        if (r) {
          if (r.left !== null) r.left -= 1;
          this.refused += 1;
          return callback(smtpError(r.code, r.message));
        }
        callback();
      },
      onData: (stream, session: SMTPServerSession, callback) => {
        void this.receive(stream, session).then(
          (answer) => {
            if (answer === 'drop') {
              for (const c of server.connections) if (c.id === session.id) c._socket.destroy();
              return;
            }
            if (answer === 'gone') return;
            if (answer instanceof Error) return callback(answer);
            callback(null, 'Message accepted');
            this.afterAccept?.(this.messages[this.messages.length - 1]);
          },
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
      },
      onClose: (session: SMTPServerSession) => {
        this.closedSessions.add(session.id);
      },
    });
    server.on('error', () => undefined);
    this.server = server;
    return new Promise((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** The client of this session has left (its connection is no longer open). */
  private clientGone(session: SMTPServerSession): boolean {
    if (this.closedSessions.has(session.id)) return true;
    return ![...(this.server?.connections ?? [])].some((c) => c.id === session.id);
  }

  /** Reads one message and decides the answer: kept ("250"), refused, dropped, or the client gone. */
  private async receive(
    stream: NodeJS.ReadableStream,
    session: SMTPServerSession,
  ): Promise<'ok' | 'drop' | 'gone' | SmtpError> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    this.dataSeen += 1;
    const refusal = this.activeRefusal(null);
    if (refusal) {
      if (refusal.left !== null) refusal.left -= 1;
      return smtpError(refusal.code, refusal.message);
    }
    const parsed = await simpleParser(Buffer.concat(chunks));
    const keep = () =>
      this.messages.push({
        rcptTo: session.envelope.rcptTo.map((a) => a.address),
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        messageId: parsed.messageId,
        subject: parsed.subject,
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
        parsed,
        receivedAt: Date.now(),
      });
    if (this.hold) {
      const hold = this.hold;
      this.hold = null;
      hold.reached();
      await hold.waiting;
      if (this.clientGone(session)) {
        if (hold.keepIfClientGone) keep();
        return 'gone';
      }
    }
    keep();
    if (this.drops > 0) {
      this.drops -= 1;
      return 'drop';
    }
    return 'ok';
  }
}
