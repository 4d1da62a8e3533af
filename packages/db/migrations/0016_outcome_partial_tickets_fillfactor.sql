DROP INDEX "cycles_outcome";--> statement-breakpoint
CREATE INDEX "cycles_outcome" ON "cycles" USING btree ("tenant_id","outcome_at") WHERE "cycles"."outcome_at" is not null;--> statement-breakpoint
-- Every recompute updates its ticket's row: room left in each page lets the new version stay in it (a HOT update, no new index entry).
ALTER TABLE "tickets" SET (fillfactor = 70);
