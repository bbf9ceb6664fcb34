CREATE TABLE "archive_borrowings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"archive_id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"returned_at" timestamp with time zone,
	"overdue_notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "archive_destructions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"archive_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"first_approver_id" uuid,
	"first_approved_at" timestamp with time zone,
	"second_approver_id" uuid,
	"second_approved_at" timestamp with time zone,
	"rejected_by" uuid,
	"rejected_at" timestamp with time zone,
	"note" text,
	"purged" jsonb
);
--> statement-breakpoint
CREATE TABLE "archive_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"archive_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archive_retention" (
	"org_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"years" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_retention_org_id_record_type_pk" PRIMARY KEY("org_id","record_type")
);
--> statement-breakpoint
CREATE TABLE "archives" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"record_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"recipient_id" uuid,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone NOT NULL,
	"archived_by" uuid,
	"retention_years" integer NOT NULL,
	"retain_until" date NOT NULL,
	"status" text DEFAULT 'archived' NOT NULL,
	"destroyed_at" timestamp with time zone,
	"transfer_to_org_id" uuid,
	"transfer_requested_by" uuid,
	"transfer_requested_at" timestamp with time zone,
	"transfer_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recipient_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recipient_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"details_sealed" text,
	"channel" text DEFAULT 'in_person' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"outcome_sealed" text,
	"scheduled_for" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archive_borrowings" ADD CONSTRAINT "archive_borrowings_archive_id_archives_id_fk" FOREIGN KEY ("archive_id") REFERENCES "public"."archives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_borrowings" ADD CONSTRAINT "archive_borrowings_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_borrowings" ADD CONSTRAINT "archive_borrowings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_destructions" ADD CONSTRAINT "archive_destructions_archive_id_archives_id_fk" FOREIGN KEY ("archive_id") REFERENCES "public"."archives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_destructions" ADD CONSTRAINT "archive_destructions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_destructions" ADD CONSTRAINT "archive_destructions_first_approver_id_users_id_fk" FOREIGN KEY ("first_approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_destructions" ADD CONSTRAINT "archive_destructions_second_approver_id_users_id_fk" FOREIGN KEY ("second_approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_destructions" ADD CONSTRAINT "archive_destructions_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_events" ADD CONSTRAINT "archive_events_archive_id_archives_id_fk" FOREIGN KEY ("archive_id") REFERENCES "public"."archives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_events" ADD CONSTRAINT "archive_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_retention" ADD CONSTRAINT "archive_retention_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_retention" ADD CONSTRAINT "archive_retention_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archives" ADD CONSTRAINT "archives_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archives" ADD CONSTRAINT "archives_recipient_id_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archives" ADD CONSTRAINT "archives_archived_by_users_id_fk" FOREIGN KEY ("archived_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archives" ADD CONSTRAINT "archives_transfer_to_org_id_organizations_id_fk" FOREIGN KEY ("transfer_to_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archives" ADD CONSTRAINT "archives_transfer_requested_by_users_id_fk" FOREIGN KEY ("transfer_requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_requests" ADD CONSTRAINT "recipient_requests_recipient_id_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_requests" ADD CONSTRAINT "recipient_requests_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_requests" ADD CONSTRAINT "recipient_requests_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_requests" ADD CONSTRAINT "recipient_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_borrowings_archive_idx" ON "archive_borrowings" USING btree ("archive_id","status");--> statement-breakpoint
CREATE INDEX "archive_borrowings_requester_idx" ON "archive_borrowings" USING btree ("requester_id","status");--> statement-breakpoint
CREATE INDEX "archive_destructions_archive_idx" ON "archive_destructions" USING btree ("archive_id","status");--> statement-breakpoint
CREATE INDEX "archive_events_archive_idx" ON "archive_events" USING btree ("archive_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "archives_org_code_uq" ON "archives" USING btree ("org_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "archives_subject_uq" ON "archives" USING btree ("record_type","subject_id");--> statement-breakpoint
CREATE INDEX "archives_org_idx" ON "archives" USING btree ("org_id","status","retain_until");--> statement-breakpoint
CREATE INDEX "archives_recipient_idx" ON "archives" USING btree ("recipient_id");--> statement-breakpoint
CREATE INDEX "archives_transfer_idx" ON "archives" USING btree ("transfer_to_org_id");--> statement-breakpoint
CREATE INDEX "recipient_requests_recipient_idx" ON "recipient_requests" USING btree ("recipient_id","kind");--> statement-breakpoint
CREATE INDEX "recipient_requests_org_idx" ON "recipient_requests" USING btree ("org_id","status","due_at");