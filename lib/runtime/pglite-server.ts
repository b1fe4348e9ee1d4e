import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

type Batch = { conn: Connection; messages: Buffer[]; partial: boolean };
type Connection = {
  id: number;
  socket: net.Socket;
  pending: Buffer[];
  buffer: Buffer;
  closed: boolean;
  /** The client ran LISTEN: it receives the session's notifications. */
  listens: boolean;
};

/**
 * A Postgres wire-protocol server in front of one PGlite instance, safe for many clients.
 *
 * PGlite is a single session. pglite-socket's multiplexer interleaves individual protocol messages from
 * different clients, so one client's Bind can meet another's Parse of the unnamed statement. Here a client's
 * messages up to its Sync (or a simple Query) run under a lock that no other client's message can enter, and
 * while a client holds an open transaction only that client's batches run, so transactions stay isolated.
 *
 * LISTEN/NOTIFY: PGlite's one session emits a committed NOTIFY's NotificationResponse to whichever client
 * ran the commit. It is taken out of that client's output and written to every client that ran LISTEN
 * (postgres.js's listener filters by channel), as a PostgreSQL server would deliver it.
 */
export class PGliteWireServer {
  private server: net.Server | null = null;
  private queue: Batch[] = [];
  private owner: Connection | null = null;
  private running = false;
  private nextId = 1;
  private connections = new Set<Connection>();

  constructor(private readonly db: PGlite) {}

  async listen(port: number, host = "127.0.0.1"): Promise<number> {
    this.server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, () => resolve());
    });
    const address = this.server.address();
    return typeof address === "object" && address ? address.port : port;
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(socket: net.Socket) {
    socket.setNoDelay(true);
    const conn: Connection = {
      id: this.nextId++,
      socket,
      pending: [],
      buffer: Buffer.alloc(0),
      closed: false,
      listens: false,
    };
    this.connections.add(conn);
    let started = false;
    socket.on("data", (chunk) => {
      conn.buffer = Buffer.concat([conn.buffer, chunk]);
      for (;;) {
        if (!started) {
          if (conn.buffer.length < 8) return;
          const len = conn.buffer.readInt32BE(0);
          const code = conn.buffer.readInt32BE(4);
          if (conn.buffer.length < len) return;
          const msg = conn.buffer.subarray(0, len);
          conn.buffer = conn.buffer.subarray(len);
          if (code === SSL_REQUEST) {
            socket.write("N");
            continue;
          }
          if (code === CANCEL_REQUEST) {
            socket.end();
            return;
          }
          if (code === PROTOCOL_3) {
            started = true;
            this.enqueue(conn, [Buffer.from(msg)], false);
            continue;
          }
          socket.destroy();
          return;
        }
        if (conn.buffer.length < 5) return;
        const len = 1 + conn.buffer.readInt32BE(1);
        if (conn.buffer.length < len) return;
        const msg = Buffer.from(conn.buffer.subarray(0, len));
        conn.buffer = conn.buffer.subarray(len);
        const type = String.fromCharCode(msg[0]!);
        if (type === "X") {
          socket.end();
          return;
        }
        conn.pending.push(msg);
        // Sync, simple Query and COPY completion end a batch. A Flush runs what came so far but keeps the
        // lock: postgres.js sends Parse/Describe/Flush, reads the parameter types, then Bind/Execute/Sync.
        if (type === "S" || type === "Q" || type === "H" || type === "c" || type === "f") {
          this.enqueue(conn, conn.pending, type === "H");
          conn.pending = [];
        }
      }
    });
    const drop = () => {
      if (conn.closed) return;
      conn.closed = true;
      this.connections.delete(conn);
      this.queue = this.queue.filter((b) => b.conn !== conn);
      if (this.owner === conn) {
        // The client vanished inside a transaction: roll it back so others can proceed.
        this.enqueueInternal(async () => {
          if (this.isInTransaction()) await this.db.exec("ROLLBACK");
          this.owner = null;
        });
      }
    };
    socket.on("close", drop);
    socket.on("error", drop);
  }

  private isInTransaction(): boolean {
    return (this.db as unknown as { isInTransaction(): boolean }).isInTransaction();
  }

  private enqueue(conn: Connection, messages: Buffer[], partial: boolean) {
    this.queue.push({ conn, messages, partial });
    void this.pump();
  }

  private internal: (() => Promise<void>)[] = [];
  private enqueueInternal(fn: () => Promise<void>) {
    this.internal.push(fn);
    void this.pump();
  }

  private async pump() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const internal = this.internal.shift();
        if (internal) {
          await this.db.runExclusive(internal);
          continue;
        }
        const index = this.owner ? this.queue.findIndex((b) => b.conn === this.owner) : 0;
        if (index < 0 || this.queue.length === 0) break;
        const [batch] = this.queue.splice(index, 1);
        if (!batch || batch.conn.closed) continue;
        if (!batch.conn.listens && batch.messages.some(isListen)) batch.conn.listens = true;
        await this.db.runExclusive(async () => {
          for (const [i, msg] of batch.messages.entries()) {
            const last = i === batch.messages.length - 1;
            const out = await this.db.execProtocolRaw(
              new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength),
              {
                syncToFs: last,
              },
            );
            const { rest, notifications } = takeNotifications(out);
            if (rest.length > 0 && !batch.conn.closed) batch.conn.socket.write(rest);
            for (const note of notifications) {
              for (const c of this.connections) if (c.listens && !c.closed) c.socket.write(note);
            }
          }
        });
        this.owner = batch.partial || this.isInTransaction() ? batch.conn : null;
      }
    } finally {
      this.running = false;
    }
  }
}

const LISTEN = /^\s*listen\s/i;

/** Whether a simple Query or a Parse message holds a LISTEN statement (only its start is read). */
function isListen(msg: Buffer): boolean {
  const type = msg[0];
  const head = (from: number) => msg.toString("utf8", from, Math.min(msg.length, from + 32));
  if (type === 0x51) return LISTEN.test(head(5)); // Q: the query text
  if (type === 0x50) {
    const nameEnd = msg.indexOf(0, 5); // P: the statement's name, then the query text
    return nameEnd >= 0 && LISTEN.test(head(nameEnd + 1));
  }
  return false;
}

/** Splits NotificationResponse ('A') messages from the rest of a backend output. */
function takeNotifications(out: Uint8Array): { rest: Uint8Array; notifications: Buffer[] } {
  const buf = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  if (!buf.includes(0x41)) return { rest: out, notifications: [] };
  const notifications: Buffer[] = [];
  const rest: Buffer[] = [];
  for (let at = 0; at + 5 <= buf.length; ) {
    const end = at + 1 + buf.readInt32BE(at + 1);
    const msg = buf.subarray(at, end);
    if (buf[at] === 0x41) notifications.push(Buffer.from(msg));
    else rest.push(msg);
    at = end;
  }
  if (notifications.length === 0) return { rest: out, notifications };
  return { rest: Buffer.concat(rest), notifications };
}
