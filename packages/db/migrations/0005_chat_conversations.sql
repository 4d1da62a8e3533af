CREATE TABLE "chat_conversations" (
	"tenant_id" text NOT NULL,
	"platform" text NOT NULL,
	"conversation_id" text NOT NULL,
	"kind" text NOT NULL,
	"team_id" text,
	"user_id" text,
	"reference" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_conversations_tenant_id_platform_conversation_id_pk" PRIMARY KEY("tenant_id","platform","conversation_id")
);
--> statement-breakpoint
CREATE INDEX "chat_conversations_user" ON "chat_conversations" USING btree ("tenant_id","platform","user_id");