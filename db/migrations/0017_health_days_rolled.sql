ALTER TABLE "connectors" ADD COLUMN "health_rolled_through" date;--> statement-breakpoint
CREATE INDEX "connectors_health_rolled_idx" ON "connectors" USING btree ("health_rolled_through");--> statement-breakpoint
-- Until now raw checks were rolled into health_daily only once older than 30 days (whole UTC days before
-- date_trunc('day', now UTC) - 30 days): for a connector with no raw check left before that, every day up to the day
-- before it is rolled up. Connectors with a backlog stay null and are rolled from their oldest check.
UPDATE "connectors" c SET "health_rolled_through" = (now() AT TIME ZONE 'UTC')::date - 31
WHERE NOT EXISTS (
  SELECT 1 FROM "health_checks" h
  WHERE h."connector_id" = c."id"
    AND h."checked_at" < (date_trunc('day', now() AT TIME ZONE 'UTC') - interval '30 days') AT TIME ZONE 'UTC'
);
