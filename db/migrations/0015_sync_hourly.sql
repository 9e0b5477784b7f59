CREATE TABLE "sync_hourly" (
	"service_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"status" "sync_status" NOT NULL,
	"runs" integer NOT NULL,
	"pulled" bigint NOT NULL,
	"pushed" bigint NOT NULL,
	CONSTRAINT "sync_hourly_service_id_hour_status_pk" PRIMARY KEY("service_id","hour","status")
);
--> statement-breakpoint
ALTER TABLE "sync_hourly" ADD CONSTRAINT "sync_hourly_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Kept by statement-level triggers (one per event: a trigger with transition tables takes one event), each adding its
-- rows' counts (removed rows negative) to their (service, hour in UTC, status) by upsert, in key order so concurrent
-- writers lock the same rows in the same order. Runs whose service is being deleted are not counted back: that
-- service's hourly rows go with it.
CREATE FUNCTION "sync_hourly_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "sync_hourly" ("service_id", "org_id", "hour", "status", "runs", "pulled", "pushed")
  SELECT r."service_id", r."org_id", date_trunc('hour', r."started_at", 'UTC'), r."status",
         sum(r."n"), sum(r."pulled"), sum(r."pushed")
  FROM (SELECT "service_id", "org_id", "started_at", "status", 1 AS "n", "pulled_count" AS "pulled", "pushed_count" AS "pushed" FROM "new_rows") r
  WHERE EXISTS (SELECT 1 FROM "services" s WHERE s."id" = r."service_id")
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 3, 4
  ON CONFLICT ("service_id", "hour", "status") DO UPDATE
    SET "runs" = "sync_hourly"."runs" + excluded."runs",
        "pulled" = "sync_hourly"."pulled" + excluded."pulled",
        "pushed" = "sync_hourly"."pushed" + excluded."pushed";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "sync_hourly_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "sync_hourly" ("service_id", "org_id", "hour", "status", "runs", "pulled", "pushed")
  SELECT r."service_id", r."org_id", date_trunc('hour', r."started_at", 'UTC'), r."status",
         sum(r."n"), sum(r."pulled"), sum(r."pushed")
  FROM (SELECT "service_id", "org_id", "started_at", "status", -1 AS "n", -"pulled_count" AS "pulled", -"pushed_count" AS "pushed" FROM "old_rows" UNION ALL SELECT "service_id", "org_id", "started_at", "status", 1, "pulled_count", "pushed_count" FROM "new_rows") r
  WHERE EXISTS (SELECT 1 FROM "services" s WHERE s."id" = r."service_id")
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 3, 4
  ON CONFLICT ("service_id", "hour", "status") DO UPDATE
    SET "runs" = "sync_hourly"."runs" + excluded."runs",
        "pulled" = "sync_hourly"."pulled" + excluded."pulled",
        "pushed" = "sync_hourly"."pushed" + excluded."pushed";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "sync_hourly_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "sync_hourly" ("service_id", "org_id", "hour", "status", "runs", "pulled", "pushed")
  SELECT r."service_id", r."org_id", date_trunc('hour', r."started_at", 'UTC'), r."status",
         sum(r."n"), sum(r."pulled"), sum(r."pushed")
  FROM (SELECT "service_id", "org_id", "started_at", "status", -1 AS "n", -"pulled_count" AS "pulled", -"pushed_count" AS "pushed" FROM "old_rows") r
  WHERE EXISTS (SELECT 1 FROM "services" s WHERE s."id" = r."service_id")
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 3, 4
  ON CONFLICT ("service_id", "hour", "status") DO UPDATE
    SET "runs" = "sync_hourly"."runs" + excluded."runs",
        "pulled" = "sync_hourly"."pulled" + excluded."pulled",
        "pushed" = "sync_hourly"."pushed" + excluded."pushed";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "sync_runs_hourly_insert" AFTER INSERT ON "sync_runs" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "sync_hourly_insert"();
--> statement-breakpoint
CREATE TRIGGER "sync_runs_hourly_update" AFTER UPDATE ON "sync_runs" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "sync_hourly_update"();
--> statement-breakpoint
CREATE TRIGGER "sync_runs_hourly_delete" AFTER DELETE ON "sync_runs" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "sync_hourly_delete"();
--> statement-breakpoint
-- The runs already stored.
INSERT INTO "sync_hourly" ("service_id", "org_id", "hour", "status", "runs", "pulled", "pushed")
SELECT "service_id", "org_id", date_trunc('hour', "started_at", 'UTC'), "status", count(*), sum("pulled_count"), sum("pushed_count")
FROM "sync_runs" GROUP BY 1, 2, 3, 4;
