/** The sandbox's modes, as the database layer declares them, for components (which never import db/). */
export { SANDBOX_MODES, type SandboxMode } from "@/db/schema/sandbox";
