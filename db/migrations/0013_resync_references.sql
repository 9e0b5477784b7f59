CREATE TYPE "public"."resync_result" AS ENUM('ok', 'failed');--> statement-breakpoint
CREATE TYPE "public"."resync_status" AS ENUM('pending', 'claimed', 'completed', 'expired');--> statement-breakpoint
CREATE TABLE "resync_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"sync_run_id" bigint NOT NULL,
	"requested_by" uuid,
	"requested_by_name" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "resync_status" DEFAULT 'pending' NOT NULL,
	"claimed_at" timestamp with time zone,
	"claimed_by" text,
	"lease_until" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"result_status" "resync_result",
	"completed_by_run_id" bigint
);
--> statement-breakpoint
CREATE TABLE "sync_run_references" (
	"sync_run_id" bigint NOT NULL,
	"org_id" uuid NOT NULL,
	"reference" text NOT NULL,
	CONSTRAINT "sync_run_references_sync_run_id_reference_pk" PRIMARY KEY("sync_run_id","reference")
);
--> statement-breakpoint
ALTER TABLE "resync_requests" ADD CONSTRAINT "resync_requests_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resync_requests" ADD CONSTRAINT "resync_requests_sync_run_id_sync_runs_id_fk" FOREIGN KEY ("sync_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resync_requests" ADD CONSTRAINT "resync_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resync_requests" ADD CONSTRAINT "resync_requests_completed_by_run_id_sync_runs_id_fk" FOREIGN KEY ("completed_by_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_references" ADD CONSTRAINT "sync_run_references_sync_run_id_sync_runs_id_fk" FOREIGN KEY ("sync_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_references" ADD CONSTRAINT "sync_run_references_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "resync_requests_open_run_uq" ON "resync_requests" USING btree ("sync_run_id") WHERE "resync_requests"."status" in ('pending', 'claimed');--> statement-breakpoint
CREATE INDEX "resync_requests_run_requested_idx" ON "resync_requests" USING btree ("sync_run_id","requested_at");--> statement-breakpoint
CREATE INDEX "resync_requests_org_open_idx" ON "resync_requests" USING btree ("org_id","requested_at") WHERE "resync_requests"."status" in ('pending', 'claimed');--> statement-breakpoint
CREATE INDEX "sync_run_references_org_reference_idx" ON "sync_run_references" USING btree ("org_id","reference" text_pattern_ops,"sync_run_id");