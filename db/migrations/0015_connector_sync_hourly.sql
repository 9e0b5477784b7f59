CREATE TABLE "connector_sync_hourly" (
	"connector_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"status" "sync_status" NOT NULL,
	"runs" integer NOT NULL,
	"pulled" bigint NOT NULL,
	"pushed" bigint NOT NULL,
	CONSTRAINT "connector_sync_hourly_connector_id_org_id_hour_status_pk" PRIMARY KEY("connector_id","org_id","hour","status")
);
--> statement-breakpoint
ALTER TABLE "connector_sync_hourly" ADD CONSTRAINT "connector_sync_hourly_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Kept by one statement-level trigger per event on sync_runs (a trigger with transition tables takes one event): each
-- sums its rows by service, hour and status (removed rows negative), then adds the sums to (connector, organisation,
-- UTC hour, status) by upsert, in key order so that concurrent writers lock the same rows in the same order. A run
-- counts for its service's source and its destination, once when they are the same connector, and only when the run
-- and its service are of one organisation (as the totals read before this table). Connectors already gone (an
-- organisation being deleted) are skipped. A row that comes down to zero stays: an update from pending to ok does
-- that all the time and the hour's next run brings it back; no column an update changes is indexed, so the updates
-- can be HOT. Only the branch of the event that fired is planned, so each trigger names only its own transition tables.
CREATE FUNCTION "connector_sync_hourly_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "connector_sync_hourly" AS h ("connector_id", "org_id", "hour", "status", "runs", "pulled", "pushed")
    SELECT c."id", r."org_id", r."hour", r."status", sum(r."n"), sum(r."pulled"), sum(r."pushed")
    FROM (SELECT "service_id", "org_id", date_trunc('hour', "started_at", 'UTC') AS "hour", "status", sum("n") AS "n", sum("pulled") AS "pulled", sum("pushed") AS "pushed" FROM (SELECT "service_id", "org_id", "started_at", "status", 1 AS "n", "pulled_count" AS "pulled", "pushed_count" AS "pushed" FROM "new_rows") t GROUP BY 1, 2, 3, 4) r
    JOIN "services" s ON s."id" = r."service_id" AND s."org_id" = r."org_id"
    CROSS JOIN LATERAL (VALUES (s."source_connector_id"), (nullif(s."destination_connector_id", s."source_connector_id"))) c("id")
    WHERE EXISTS (SELECT 1 FROM "connectors" k WHERE k."id" = c."id")
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("connector_id", "org_id", "hour", "status") DO UPDATE
      SET "runs" = h."runs" + excluded."runs", "pulled" = h."pulled" + excluded."pulled", "pushed" = h."pushed" + excluded."pushed";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "connector_sync_hourly" AS h ("connector_id", "org_id", "hour", "status", "runs", "pulled", "pushed")
    SELECT c."id", r."org_id", r."hour", r."status", sum(r."n"), sum(r."pulled"), sum(r."pushed")
    FROM (SELECT "service_id", "org_id", date_trunc('hour', "started_at", 'UTC') AS "hour", "status", sum("n") AS "n", sum("pulled") AS "pulled", sum("pushed") AS "pushed" FROM (SELECT "service_id", "org_id", "started_at", "status", -1 AS "n", -"pulled_count" AS "pulled", -"pushed_count" AS "pushed" FROM "old_rows"
          UNION ALL
          SELECT "service_id", "org_id", "started_at", "status", 1, "pulled_count", "pushed_count" FROM "new_rows") t GROUP BY 1, 2, 3, 4) r
    JOIN "services" s ON s."id" = r."service_id" AND s."org_id" = r."org_id"
    CROSS JOIN LATERAL (VALUES (s."source_connector_id"), (nullif(s."destination_connector_id", s."source_connector_id"))) c("id")
    WHERE EXISTS (SELECT 1 FROM "connectors" k WHERE k."id" = c."id")
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("connector_id", "org_id", "hour", "status") DO UPDATE
      SET "runs" = h."runs" + excluded."runs", "pulled" = h."pulled" + excluded."pulled", "pushed" = h."pushed" + excluded."pushed";
  ELSE
    INSERT INTO "connector_sync_hourly" AS h ("connector_id", "org_id", "hour", "status", "runs", "pulled", "pushed")
    SELECT c."id", r."org_id", r."hour", r."status", sum(r."n"), sum(r."pulled"), sum(r."pushed")
    FROM (SELECT "service_id", "org_id", date_trunc('hour', "started_at", 'UTC') AS "hour", "status", sum("n") AS "n", sum("pulled") AS "pulled", sum("pushed") AS "pushed" FROM (SELECT "service_id", "org_id", "started_at", "status", -1 AS "n", -"pulled_count" AS "pulled", -"pushed_count" AS "pushed" FROM "old_rows") t GROUP BY 1, 2, 3, 4) r
    JOIN "services" s ON s."id" = r."service_id" AND s."org_id" = r."org_id"
    CROSS JOIN LATERAL (VALUES (s."source_connector_id"), (nullif(s."destination_connector_id", s."source_connector_id"))) c("id")
    WHERE EXISTS (SELECT 1 FROM "connectors" k WHERE k."id" = c."id")
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("connector_id", "org_id", "hour", "status") DO UPDATE
      SET "runs" = h."runs" + excluded."runs", "pulled" = h."pulled" + excluded."pulled", "pushed" = h."pushed" + excluded."pushed";
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "sync_runs_hourly_insert" AFTER INSERT ON "sync_runs" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "connector_sync_hourly_count"();
--> statement-breakpoint
CREATE TRIGGER "sync_runs_hourly_update" AFTER UPDATE ON "sync_runs" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "connector_sync_hourly_count"();
--> statement-breakpoint
CREATE TRIGGER "sync_runs_hourly_delete" AFTER DELETE ON "sync_runs" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "connector_sync_hourly_count"();
--> statement-breakpoint
-- A service moved to other connectors (or another organisation) takes its runs' counts with it.
CREATE FUNCTION "connector_sync_hourly_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "connector_sync_hourly" AS h ("connector_id", "org_id", "hour", "status", "runs", "pulled", "pushed")
  SELECT c."id", r."org_id", date_trunc('hour', r."started_at", 'UTC'), r."status", sum(c."sign"), sum(c."sign" * r."pulled_count"), sum(c."sign" * r."pushed_count")
  FROM "sync_runs" r
  CROSS JOIN LATERAL (VALUES
    (OLD."source_connector_id", OLD."org_id", -1), (nullif(OLD."destination_connector_id", OLD."source_connector_id"), OLD."org_id", -1),
    (NEW."source_connector_id", NEW."org_id", 1), (nullif(NEW."destination_connector_id", NEW."source_connector_id"), NEW."org_id", 1)
  ) c("id", "org_id", "sign")
  WHERE r."service_id" = NEW."id" AND r."org_id" = c."org_id" AND EXISTS (SELECT 1 FROM "connectors" k WHERE k."id" = c."id")
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("connector_id", "org_id", "hour", "status") DO UPDATE
    SET "runs" = h."runs" + excluded."runs", "pulled" = h."pulled" + excluded."pulled", "pushed" = h."pushed" + excluded."pushed";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "services_hourly_move" AFTER UPDATE OF "source_connector_id", "destination_connector_id", "org_id" ON "services" FOR EACH ROW
  WHEN (OLD."source_connector_id" IS DISTINCT FROM NEW."source_connector_id" OR OLD."destination_connector_id" IS DISTINCT FROM NEW."destination_connector_id" OR OLD."org_id" IS DISTINCT FROM NEW."org_id")
  EXECUTE FUNCTION "connector_sync_hourly_move"();
--> statement-breakpoint
-- A service's runs go before it does, so that the delete trigger above still finds their connectors through it (the
-- foreign key's cascade would delete them once the service row is already gone).
CREATE FUNCTION "connector_sync_hourly_forget"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "sync_runs" WHERE "service_id" = OLD."id";
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER "services_hourly_forget" BEFORE DELETE ON "services" FOR EACH ROW EXECUTE FUNCTION "connector_sync_hourly_forget"();
--> statement-breakpoint
-- The runs already stored.
INSERT INTO "connector_sync_hourly" ("connector_id", "org_id", "hour", "status", "runs", "pulled", "pushed")
SELECT c."id", r."org_id", date_trunc('hour', r."started_at", 'UTC'), r."status", count(*), sum(r."pulled_count"), sum(r."pushed_count")
FROM "sync_runs" r
JOIN "services" s ON s."id" = r."service_id" AND s."org_id" = r."org_id"
CROSS JOIN LATERAL (VALUES (s."source_connector_id"), (nullif(s."destination_connector_id", s."source_connector_id"))) c("id")
GROUP BY 1, 2, 3, 4;
