-- The latency chart's figures per connector and UTC hour, rolled up by the sweep once an hour has been over for 15
-- minutes (db/queries/health-hourly.ts), and which hours each connector has rolled. Nothing to backfill: a connector
-- without a row in health_hours_rolled has its chart read from raw checks until its first roll.
CREATE TABLE "health_hourly" (
	"connector_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"org_id" uuid NOT NULL,
	"checks" integer NOT NULL,
	"failures" integer NOT NULL,
	"latency_sum" bigint NOT NULL,
	"latency_p95" double precision NOT NULL,
	CONSTRAINT "health_hourly_connector_id_hour_pk" PRIMARY KEY("connector_id","hour")
);
--> statement-breakpoint
CREATE TABLE "health_hours_rolled" (
	"connector_id" uuid PRIMARY KEY NOT NULL,
	"rolled_from" timestamp with time zone NOT NULL,
	"rolled_through" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "health_hourly" ADD CONSTRAINT "health_hourly_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_hours_rolled" ADD CONSTRAINT "health_hours_rolled_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;