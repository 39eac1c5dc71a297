CREATE TABLE "budget_rows" (
	"snapshot_id" text NOT NULL,
	"row" integer NOT NULL,
	"association_key" text NOT NULL,
	"association" text NOT NULL,
	"district" text,
	"local_area" text,
	"tier" text,
	"grant" double precision,
	"cofinancing" double precision,
	"hours" double precision,
	"salary" double precision,
	"agreement_terms" boolean,
	"funding_source" text NOT NULL,
	"consultant" text,
	"since" integer,
	"year" integer,
	CONSTRAINT "budget_rows_snapshot_id_row_pk" PRIMARY KEY("snapshot_id","row")
);
--> statement-breakpoint
CREATE TABLE "membership_rows" (
	"snapshot_id" text NOT NULL,
	"row" integer NOT NULL,
	"association_key" text NOT NULL,
	"association" text NOT NULL,
	"year" integer,
	"age_0_to_12" double precision,
	"age_13_to_18" double precision,
	"age_19_to_24" double precision,
	"under_25" double precision,
	"girls" double precision,
	"boys" double precision,
	"total_members" double precision,
	CONSTRAINT "membership_rows_snapshot_id_row_pk" PRIMARY KEY("snapshot_id","row")
);
--> statement-breakpoint
CREATE TABLE "snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "snapshots_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"model" text NOT NULL,
	"hash" text NOT NULL,
	"source_workbook" text,
	"source_sheets" jsonb NOT NULL,
	"based_on" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"budget_rows" integer NOT NULL,
	"membership_rows" integer NOT NULL,
	"report" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "budget_rows" ADD CONSTRAINT "budget_rows_snapshot_id_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_rows" ADD CONSTRAINT "membership_rows_snapshot_id_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "snapshots_hash_key" ON "snapshots" USING btree ("hash");--> statement-breakpoint
CREATE UNIQUE INDEX "snapshots_seq_key" ON "snapshots" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "snapshots_year_seq_idx" ON "snapshots" USING btree ("year","seq" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "tokens_hash_key" ON "tokens" USING btree ("hash");