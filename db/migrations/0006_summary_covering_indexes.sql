DROP INDEX "sync_runs_service_started_idx";--> statement-breakpoint
DROP INDEX "sync_runs_service_failed_idx";--> statement-breakpoint
DROP INDEX "health_checks_connector_checked_idx";--> statement-breakpoint
CREATE INDEX "sync_runs_service_started_idx" ON "sync_runs" USING btree ("service_id","started_at","status","org_id","pulled_count","pushed_count");--> statement-breakpoint
CREATE INDEX "sync_runs_service_failed_idx" ON "sync_runs" USING btree ("service_id","started_at","org_id") WHERE "sync_runs"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "health_checks_connector_checked_idx" ON "health_checks" USING btree ("connector_id","checked_at","status","throttled","latency_ms","org_id");