CREATE TYPE "public"."sandbox_mode" AS ENUM('healthy', 'rejecting', 'down', 'slow', 'throttled');--> statement-breakpoint
CREATE TABLE "sandbox_accounts" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"connector_id" uuid,
	"name" text NOT NULL,
	"mode" "sandbox_mode" DEFAULT 'healthy' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "sandbox_accounts_connectorId_unique" UNIQUE("connector_id")
);
--> statement-breakpoint
ALTER TABLE "sandbox_accounts" ADD CONSTRAINT "sandbox_accounts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_accounts" ADD CONSTRAINT "sandbox_accounts_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_accounts" ADD CONSTRAINT "sandbox_accounts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;