import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const organisations = pgTable("organisations", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Each organisation has at least one group (its default); each group may hold one live and one test connector per system. */
export const companyGroups = pgTable(
  "company_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    isDefault: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("company_groups_org_name_uq").on(t.orgId, sql`lower(${t.name})`),
    uniqueIndex("company_groups_one_default_uq")
      .on(t.orgId)
      .where(sql`${t.isDefault}`),
    index("company_groups_org_idx").on(t.orgId),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
export type CompanyGroup = typeof companyGroups.$inferSelect;
