import { Migration } from '@mikro-orm/migrations';

export class Migration20261202093500_mail extends Migration {

  override name = 'Migration20261202093500_mail';

  override up(): void | Promise<void> {
    this.addSql(`create type "mail_status" as enum ('queued', 'sending', 'sent', 'failed', 'held');`);
    this.addSql(`create table "mail_messages" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "template" varchar(100) not null, "idempotency_key" varchar(255) not null, "subject_id" uuid null, "status" "mail_status" not null, "attempts" int not null default 0, "next_attempt_at" timestamptz(3) not null, "lease_until" timestamptz(3) null, "last_error" text null, "sent_at" timestamptz(3) null, "provider_message_id" varchar(998) null, "sealed" jsonb null, "plain" jsonb null, primary key ("id"));`);
    this.addSql(`alter table "mail_messages" add constraint "mail_messages_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "mail_messages_subject_id_index" on "mail_messages" ("subject_id");`);
    this.addSql(`create index "mail_messages_created_idx" on "mail_messages" ("created_at", "id");`);
    this.addSql(`create index mail_messages_due_idx on mail_messages (next_attempt_at) where status in ('queued', 'sending');`);

    this.addSql(`create table "mail_templates" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "key" varchar(100) not null, "subject" text not null, "body" text not null, "updated_by_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "mail_templates" add constraint "mail_templates_key_unique" unique ("key");`);

    this.addSql(`alter table "mail_messages" add constraint "mail_messages_subject_id_foreign" foreign key ("subject_id") references "candidates" ("id") on delete cascade;`);
    this.addSql(`alter table "mail_messages" add constraint "mail_messages_content_check" check ((subject_id is not null and sealed is not null and plain is null) or (subject_id is null and sealed is null and plain is not null));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "mail_templates" cascade;`);
    this.addSql(`drop table if exists "mail_messages" cascade;`);
    this.addSql(`drop type "mail_status";`);
  }

}
