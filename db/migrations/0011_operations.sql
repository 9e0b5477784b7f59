CREATE TYPE "public"."maintenance_kind" AS ENUM('pause', 'maintenance');--> statement-breakpoint
CREATE TABLE "maintenance_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"connector_id" uuid NOT NULL,
	"kind" "maintenance_kind" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"reason" text NOT NULL,
	"created_by_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maintenance_windows_ends_after_start" CHECK ("maintenance_windows"."ends_at" is null or "maintenance_windows"."ends_at" > "maintenance_windows"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "connectors" ADD COLUMN "check_interval_minutes" integer;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maintenance_windows_connector_idx" ON "maintenance_windows" USING btree ("connector_id","starts_at","ends_at");--> statement-breakpoint
CREATE INDEX "status_events_org_incident_idx" ON "status_events" USING btree ("org_id","at") WHERE "status_events"."to_status" <> 'operational';--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_check_interval_range" CHECK ("connectors"."check_interval_minutes" is null or "connectors"."check_interval_minutes" between 1 and 60);