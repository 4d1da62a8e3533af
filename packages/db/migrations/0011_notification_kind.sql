ALTER TABLE "notifications" ALTER COLUMN "metric" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "kind" text DEFAULT 'alert' NOT NULL;--> statement-breakpoint
-- Digests were queued as notifications of the made-up metric 'digest': they become kind
-- 'digest', with no metric.
UPDATE "notifications" SET "kind" = 'digest', "metric" = NULL WHERE "metric" = 'digest';
