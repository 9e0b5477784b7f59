CREATE TABLE "connector_counts" (
	"org_id" uuid NOT NULL,
	"environment" "environment" NOT NULL,
	"status" "connector_status" NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "connectors_org_env_status_idx";--> statement-breakpoint
ALTER TABLE "connector_counts" ADD CONSTRAINT "connector_counts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connector_counts_org_idx" ON "connector_counts" USING btree ("org_id","environment","status");--> statement-breakpoint
-- Kept by one statement-level trigger per event on connectors (a trigger with transition tables takes one event):
-- each sums the statement's rows by organisation, environment and status (rows removed or left negative), drops the
-- sums that come to zero, and appends the rest. Appending locks no row another writer could wait for (adding to
-- shared rows deadlocked two transactions that changed statuses in turn); foldConnectorCounts (db/queries) later
-- folds an organisation's rows into one per environment and status. A statement that changes no connector's status
-- (a lease, a result that confirms the status, a rename) appends nothing. Organisations already gone (being deleted)
-- are skipped. Only the branch of the event that fired is planned, so each trigger names only its own transition tables.
CREATE FUNCTION "connector_counts_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "connector_counts" ("org_id", "environment", "status", "n")
    SELECT r."org_id", r."environment", r."status", count(*)::int FROM "new_rows" r
    WHERE EXISTS (SELECT 1 FROM "organisations" o WHERE o."id" = r."org_id")
    GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "connector_counts" ("org_id", "environment", "status", "n")
    SELECT r."org_id", r."environment", r."status", sum(r."n")::int
    FROM (SELECT "org_id", "environment", "status", -1 AS "n" FROM "old_rows"
          UNION ALL
          SELECT "org_id", "environment", "status", 1 FROM "new_rows") r
    WHERE EXISTS (SELECT 1 FROM "organisations" o WHERE o."id" = r."org_id")
    GROUP BY 1, 2, 3 HAVING sum(r."n") <> 0;
  ELSE
    INSERT INTO "connector_counts" ("org_id", "environment", "status", "n")
    SELECT r."org_id", r."environment", r."status", -count(*)::int FROM "old_rows" r
    WHERE EXISTS (SELECT 1 FROM "organisations" o WHERE o."id" = r."org_id")
    GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "connectors_counts_insert" AFTER INSERT ON "connectors" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "connector_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "connectors_counts_update" AFTER UPDATE ON "connectors" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "connector_counts_keep"();
--> statement-breakpoint
CREATE TRIGGER "connectors_counts_delete" AFTER DELETE ON "connectors" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "connector_counts_keep"();
--> statement-breakpoint
-- The connectors already there, counted once (the triggers above hold writers off until this migration commits).
INSERT INTO "connector_counts" ("org_id", "environment", "status", "n")
SELECT "org_id", "environment", "status", count(*)::int FROM "connectors" GROUP BY 1, 2, 3;
