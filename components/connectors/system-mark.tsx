/** A system's mark: its initials on a colour derived from its id (no vendor logos are shipped). */
const COLOURS = [
  "bg-emerald-700",
  "bg-sky-700",
  "bg-violet-700",
  "bg-amber-700",
  "bg-rose-700",
  "bg-teal-700",
  "bg-indigo-700",
  "bg-orange-700",
];

export function SystemMark({
  systemId,
  name,
  size = "md",
}: {
  systemId: string;
  name: string;
  size?: "sm" | "md" | "lg";
}) {
  const hash = Array.from(systemId).reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const initials = name
    .replace(/[^A-Za-z0-9 ]/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join("");
  const box = { sm: "h-7 w-7 text-[10px]", md: "h-10 w-10 text-sm", lg: "h-12 w-12 text-base" }[size];
  return (
    <span
      aria-hidden
      className={`inline-flex shrink-0 items-center justify-center rounded-lg font-bold text-white ${box} ${COLOURS[hash % COLOURS.length]}`}
    >
      {initials || "?"}
    </span>
  );
}
