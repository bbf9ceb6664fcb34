CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"request_note" text,
	"number" text,
	"verify_code" text,
	"minutes" integer,
	"record_count" integer,
	"content" text,
	"volunteer_name" text,
	"volunteer_number" text,
	"id_type" text,
	"id_number_masked" text,
	"issuer_name" text,
	"person_in_charge" text,
	"handler_name" text,
	"issuer_contact" text,
	"issued_by" uuid,
	"issued_at" timestamp with time zone,
	"rejected_reason" text,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_period_ck" CHECK ("certificates"."period_from" <= "certificates"."period_to")
);
--> statement-breakpoint
CREATE TABLE "shift_evaluations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shift_id" uuid NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"rated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shift_evaluations_score_ck" CHECK ("shift_evaluations"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "need_pledges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"need_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"resource_id" uuid,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'offered' NOT NULL,
	"referral_id" uuid,
	"created_by" uuid,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"case_id" uuid,
	"title" text NOT NULL,
	"categories" text[] NOT NULL,
	"private_description_sealed" text,
	"public_summary" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"district_code" text NOT NULL,
	"recipient_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_band" text NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recipient_consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recipient_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"scope" text DEFAULT '' NOT NULL,
	"target_org_id" uuid,
	"given_by" text DEFAULT 'self' NOT NULL,
	"guardian_name_sealed" text,
	"guardian_relation" text,
	"method" text DEFAULT 'paper' NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recipients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_sealed" text NOT NULL,
	"name_masked" text NOT NULL,
	"gender" text,
	"birth_year" integer,
	"birth_date_sealed" text,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"district_code" text,
	"phone_sealed" text,
	"phone_last4" text,
	"id_type" text,
	"id_number_sealed" text,
	"id_number_hash" text,
	"id_number_last4" text,
	"address_sealed" text,
	"primary_worker_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"referral_id" uuid NOT NULL,
	"actor_id" uuid,
	"actor_org_id" uuid,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"need_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"from_org_id" uuid NOT NULL,
	"to_org_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"consent_id" uuid,
	"consent_override_reason" text,
	"note" text DEFAULT '' NOT NULL,
	"shared_sealed" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"capacity_held" boolean DEFAULT false NOT NULL,
	"respond_by" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"decline_reason" text,
	"decline_note" text,
	"outcome" text,
	"outcome_note" text,
	"next_referral_id" uuid,
	"created_by" uuid,
	"assigned_to" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_quantity_ck" CHECK ("referrals"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "resource_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"format" text NOT NULL,
	"file_name" text,
	"status" text DEFAULT 'running' NOT NULL,
	"skip_invalid" boolean DEFAULT false NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "alternate_name" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "legal_status" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "year_incorporated" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_number" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_expires_on" date;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "stale_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signups" ADD COLUMN "reminded_day_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signups" ADD COLUMN "reminded_hours_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_evaluations" ADD CONSTRAINT "shift_evaluations_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_evaluations" ADD CONSTRAINT "shift_evaluations_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_evaluations" ADD CONSTRAINT "shift_evaluations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_evaluations" ADD CONSTRAINT "shift_evaluations_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_evaluations" ADD CONSTRAINT "shift_evaluations_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_pledges" ADD CONSTRAINT "need_pledges_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_pledges" ADD CONSTRAINT "need_pledges_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_pledges" ADD CONSTRAINT "need_pledges_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_pledges" ADD CONSTRAINT "need_pledges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_pledges" ADD CONSTRAINT "need_pledges_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_recipient_id_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_consents" ADD CONSTRAINT "recipient_consents_recipient_id_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."recipients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_consents" ADD CONSTRAINT "recipient_consents_target_org_id_organizations_id_fk" FOREIGN KEY ("target_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_consents" ADD CONSTRAINT "recipient_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipients" ADD CONSTRAINT "recipients_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipients" ADD CONSTRAINT "recipients_primary_worker_id_users_id_fk" FOREIGN KEY ("primary_worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipients" ADD CONSTRAINT "recipients_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_org_id_organizations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_org_id_organizations_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_to_org_id_organizations_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_consent_id_recipient_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."recipient_consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_imports" ADD CONSTRAINT "resource_imports_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_imports" ADD CONSTRAINT "resource_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_uq" ON "certificates" USING btree ("number");--> statement-breakpoint
CREATE INDEX "certificates_user_idx" ON "certificates" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "certificates_org_idx" ON "certificates" USING btree ("org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "shift_evaluations_uq" ON "shift_evaluations" USING btree ("shift_id","volunteer_id","direction");--> statement-breakpoint
CREATE INDEX "shift_evaluations_volunteer_idx" ON "shift_evaluations" USING btree ("volunteer_id","direction");--> statement-breakpoint
CREATE INDEX "shift_evaluations_opportunity_idx" ON "shift_evaluations" USING btree ("opportunity_id","direction");--> statement-breakpoint
CREATE INDEX "need_pledges_need_idx" ON "need_pledges" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "need_pledges_org_idx" ON "need_pledges" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "needs_org_idx" ON "needs" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "needs_recipient_idx" ON "needs" USING btree ("recipient_id");--> statement-breakpoint
CREATE INDEX "needs_status_idx" ON "needs" USING btree ("status","district_code");--> statement-breakpoint
CREATE INDEX "recipient_consents_recipient_idx" ON "recipient_consents" USING btree ("recipient_id","purpose");--> statement-breakpoint
CREATE UNIQUE INDEX "recipients_org_code_uq" ON "recipients" USING btree ("org_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "recipients_org_id_hash_uq" ON "recipients" USING btree ("org_id","id_number_hash");--> statement-breakpoint
CREATE INDEX "recipients_org_idx" ON "recipients" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id","at");--> statement-breakpoint
CREATE INDEX "referrals_from_idx" ON "referrals" USING btree ("from_org_id","status");--> statement-breakpoint
CREATE INDEX "referrals_to_idx" ON "referrals" USING btree ("to_org_id","status");--> statement-breakpoint
CREATE INDEX "referrals_need_idx" ON "referrals" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "referrals_resource_idx" ON "referrals" USING btree ("resource_id","status");--> statement-breakpoint
CREATE INDEX "referrals_respond_by_idx" ON "referrals" USING btree ("status","respond_by");--> statement-breakpoint
CREATE INDEX "resource_imports_org_idx" ON "resource_imports" USING btree ("org_id","created_at");