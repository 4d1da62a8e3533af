interface Waiting<Request, Answer> {
  readonly request: Request;
  readonly resolve: (answer: Answer) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Reads for callers that arrive together, shared: while one read runs, the requests arriving
 * meanwhile wait and are read together by the next one. A request never shares a read sent
 * before it arrived, so what it is answered was read after it came (a token revoked, or a
 * secret removed, before then is seen as such). Nothing is kept between reads. `read` takes
 * every request of a batch and gives the answer of each; when it throws, every request of
 * the batch is rejected with its error.
 */
export class ReadBatch<Request, Answer> {
  #waiting: Waiting<Request, Answer>[] = [];
  #running = false;

  constructor(
    private readonly read: (requests: readonly Request[]) => Promise<(request: Request) => Answer>,
  ) {}

  /** The request's answer, from a read that starts after this call. */
  ask(request: Request): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ request, resolve, reject });
      if (!this.#running) void this.#drain();
    });
  }

  /** Runs reads while requests wait; each takes every request waiting when it starts. */
  async #drain(): Promise<void> {
    this.#running = true;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting;
      this.#waiting = [];
      try {
        const answer = await this.read(batch.map((w) => w.request));
        for (const w of batch) w.resolve(answer(w.request));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.#running = false;
  }
}
