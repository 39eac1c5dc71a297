-- Going back to earlier figures stores them again as the year's latest snapshot, so a content hash may now
-- appear more than once in a year's history. Every stored snapshot is kept; only the index changes.
DROP INDEX "snapshots_hash_key";--> statement-breakpoint
CREATE INDEX "snapshots_year_hash_idx" ON "snapshots" USING btree ("year","hash");
