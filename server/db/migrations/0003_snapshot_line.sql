-- Each snapshot names the year's latest snapshot at the time it was stored; a unique (year, parent_id)
-- lets the database refuse the second of two racing saves, in place of the per-year advisory lock.
ALTER TABLE "snapshots" ADD COLUMN "parent_id" text;--> statement-breakpoint
UPDATE "snapshots" s SET "parent_id" = p.parent
  FROM (SELECT id, lag(id) OVER (PARTITION BY year ORDER BY seq) AS parent FROM "snapshots") p
 WHERE p.id = s.id;--> statement-breakpoint
ALTER TABLE "snapshots" ADD CONSTRAINT "snapshots_year_parent_key" UNIQUE NULLS NOT DISTINCT("year","parent_id");
