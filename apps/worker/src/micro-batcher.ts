/**
 * Gathers concurrent requests into batches: while a batch runs, new requests wait and leave together with
 * the next one. Each caller gets its own result (or the batch's error).
 */
export class MicroBatcher<Req, Res> {
  private waiting: Array<{ req: Req; resolve: (r: Res) => void; reject: (e: unknown) => void }> = [];
  private running = 0;

  constructor(
    private readonly run: (reqs: Req[]) => Promise<Res[]>,
    private readonly maxBatch = 200,
    private readonly maxParallel = 2,
  ) {}

  submit(req: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.waiting.push({ req, resolve, reject });
      // Let the requests of this tick join before a batch leaves.
      setImmediate(() => this.pump());
    });
  }

  private pump(): void {
    while (this.running < this.maxParallel && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.running += 1;
      this.run(batch.map((b) => b.req))
        .then(
          (results) => batch.forEach((b, i) => b.resolve(results[i])),
          (err: unknown) => batch.forEach((b) => b.reject(err)),
        )
        .finally(() => {
          this.running -= 1;
          this.pump();
        });
    }
  }
}
