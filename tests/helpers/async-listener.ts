import type http from "node:http";

/**
 * An http.Server request listener written as an async function. Node ignores a listener's return value, so the
 * promise is handed off with `void`: a rejection stays unhandled and fails the test run, as it would unwrapped.
 */
export function asyncListener(
  listener: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    void listener(req, res);
  };
}
