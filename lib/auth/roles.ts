/** The roles, as the database layer declares them, for components (which never import db/). */
export { ROLES, type Role } from "@/db/schema/users";
