CREATE TABLE "job_runs" (
	"job" text PRIMARY KEY NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
INSERT INTO "job_runs" ("job", "finished_at") VALUES ('health-sweep', now());
