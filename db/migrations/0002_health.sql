CREATE TABLE "health_checks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "health_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" uuid NOT NULL,
	"connector_id" uuid NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"status" "connector_status" NOT NULL,
	"throttled" boolean DEFAULT false NOT NULL,
	"reason" text NOT NULL,
	"latency_ms" integer NOT NULL,
	"http_status" integer
);
--> statement-breakpoint
CREATE TABLE "health_daily" (
	"connector_id" uuid NOT NULL,
	"day" date NOT NULL,
	"checks" integer NOT NULL,
	"failures" integer NOT NULL,
	"latency_p50" real,
	"latency_p95" real,
	CONSTRAINT "health_daily_connector_id_day_pk" PRIMARY KEY("connector_id","day")
);
--> statement-breakpoint
CREATE TABLE "status_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "status_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" uuid NOT NULL,
	"connector_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_status" "connector_status" NOT NULL,
	"to_status" "connector_status" NOT NULL,
	"reason" text NOT NULL,
	"message" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connectors" ADD COLUMN "lease_owner" uuid;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_daily" ADD CONSTRAINT "health_daily_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "health_checks_connector_checked_idx" ON "health_checks" USING btree ("connector_id","checked_at");--> statement-breakpoint
CREATE INDEX "health_checks_checked_brin" ON "health_checks" USING brin ("checked_at");--> statement-breakpoint
CREATE INDEX "status_events_connector_at_idx" ON "status_events" USING btree ("connector_id","at");