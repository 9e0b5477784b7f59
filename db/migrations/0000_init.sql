CREATE TYPE "public"."role" AS ENUM('administrator', 'manager', 'user', 'read_only');--> statement-breakpoint
CREATE TYPE "public"."connector_status" AS ENUM('unknown', 'operational', 'unreachable', 'auth_failed');--> statement-breakpoint
CREATE TYPE "public"."environment" AS ENUM('live', 'test');--> statement-breakpoint
CREATE TYPE "public"."sync_status" AS ENUM('ok', 'sent', 'pending', 'failed');--> statement-breakpoint
CREATE TABLE "company_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"address" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_failure_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"company_group_id" uuid NOT NULL,
	"system_id" text NOT NULL,
	"auth_type" text NOT NULL,
	"environment" "environment" NOT NULL,
	"name" text NOT NULL,
	"time_zone" text DEFAULT 'Europe/London' NOT NULL,
	"date_format" text DEFAULT 'dd/MM/yyyy HH:mm' NOT NULL,
	"credentials" text NOT NULL,
	"credentials_key_id" text NOT NULL,
	"allow_private_network" boolean DEFAULT false NOT NULL,
	"status" "connector_status" DEFAULT 'unknown' NOT NULL,
	"status_since" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"last_reason" text,
	"last_message" text,
	"last_hint" text,
	"last_latency_ms" integer,
	"last_http_status" integer,
	"pending_status" "connector_status",
	"pending_count" integer DEFAULT 0 NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"next_check_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"source_connector_id" uuid NOT NULL,
	"destination_connector_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sync_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"status" "sync_status" NOT NULL,
	"pulled_count" integer DEFAULT 0 NOT NULL,
	"pushed_count" integer DEFAULT 0 NOT NULL,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "company_groups" ADD CONSTRAINT "company_groups_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_company_group_id_company_groups_id_fk" FOREIGN KEY ("company_group_id") REFERENCES "public"."company_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_source_connector_id_connectors_id_fk" FOREIGN KEY ("source_connector_id") REFERENCES "public"."connectors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_destination_connector_id_connectors_id_fk" FOREIGN KEY ("destination_connector_id") REFERENCES "public"."connectors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "company_groups_org_name_uq" ON "company_groups" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "company_groups_one_default_uq" ON "company_groups" USING btree ("org_id") WHERE "company_groups"."is_default";--> statement-breakpoint
CREATE INDEX "company_groups_org_idx" ON "company_groups" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_org_idx" ON "users" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connectors_group_system_env_uq" ON "connectors" USING btree ("company_group_id","system_id","environment");--> statement-breakpoint
CREATE UNIQUE INDEX "connectors_org_name_uq" ON "connectors" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE INDEX "connectors_org_env_idx" ON "connectors" USING btree ("org_id","environment","name");--> statement-breakpoint
CREATE INDEX "connectors_due_idx" ON "connectors" USING btree ("next_check_at");--> statement-breakpoint
CREATE UNIQUE INDEX "services_org_name_uq" ON "services" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE INDEX "services_source_idx" ON "services" USING btree ("source_connector_id");--> statement-breakpoint
CREATE INDEX "services_destination_idx" ON "services" USING btree ("destination_connector_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_org_external_uq" ON "sync_runs" USING btree ("org_id","external_id");--> statement-breakpoint
CREATE INDEX "sync_runs_service_started_idx" ON "sync_runs" USING btree ("service_id","started_at");--> statement-breakpoint
CREATE INDEX "sync_runs_service_failed_idx" ON "sync_runs" USING btree ("service_id","started_at") WHERE "sync_runs"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "sync_runs_org_started_idx" ON "sync_runs" USING btree ("org_id","started_at");