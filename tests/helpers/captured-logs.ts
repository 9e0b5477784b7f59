import { log, setLogSink } from "@/lib/log";

export type LogEntry = Record<string, unknown> & {
  msg?: string;
  err?: { type: string; code?: string; message: string };
};

/** The logger's own output (the JSON lines production writes), captured in memory from `level` up until restore(). */
export function captureLogs(level = "trace") {
  const lines: string[] = [];
  const previousSink = setLogSink((line) => void lines.push(line));
  const previousLevel = log.level;
  log.level = level;
  return {
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as LogEntry),
    clear: () => void (lines.length = 0),
    restore() {
      setLogSink(previousSink);
      log.level = previousLevel;
    },
  };
}
export type CapturedLogs = ReturnType<typeof captureLogs>;
