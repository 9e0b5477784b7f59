import { EventEmitter, getEventListeners } from "node:events";

/**
 * A check's cancellation, aborted at its deadline or when it ends. undici listens on it for each request: undici takes
 * an EventEmitter as a request's signal, and adding and removing a listener on one costs a fraction of what it costs
 * on an AbortSignal (thousands of requests a second in a sweep). A real AbortSignal, for the probe and the sockets it
 * opens, is made only when one is asked for; abort() reaches both.
 */
export class CheckSignal extends EventEmitter {
  aborted = false;
  reason: unknown;
  #controller: AbortController | undefined;

  constructor() {
    super();
    this.setMaxListeners(0); // one listener per request in flight: a probe may run many at once
  }

  /** The AbortSignal (made on first use, already aborted if the check is). */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.#controller?.abort(reason);
    this.emit("abort");
  }

  /** Something still listens: a request in flight, a socket, a client the probe handed the signal to. */
  get listened(): boolean {
    if (this.listenerCount("abort") > 0) return true;
    return this.#controller !== undefined && getEventListeners(this.#controller.signal, "abort").length > 0;
  }
}
