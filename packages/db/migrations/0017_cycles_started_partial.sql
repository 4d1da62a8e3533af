DROP INDEX "cycles_started";--> statement-breakpoint
CREATE INDEX "cycles_started" ON "cycles" USING btree ("tenant_id","started_at") WHERE "cycles"."started_at" is not null;