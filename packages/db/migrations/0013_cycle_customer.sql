ALTER TABLE "cycles" ADD COLUMN "organization" text;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "requester" text;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "contract" text;--> statement-breakpoint
CREATE INDEX "cycles_started" ON "cycles" USING btree ("tenant_id","started_at");--> statement-breakpoint
-- Cycles stored before: the ticket's current organization and requester, until a recompute writes their own.
UPDATE "cycles" AS c SET "organization" = nullif(t."fields"->>'organization', ''), "requester" = nullif(t."fields"->>'requester', '') FROM "tickets" AS t WHERE t."tenant_id" = c."tenant_id" AND t."id" = c."ticket_id";
