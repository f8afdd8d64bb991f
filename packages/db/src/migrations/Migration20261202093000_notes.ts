import { Migration } from '@mikro-orm/migrations';

export class Migration20261202093000_notes extends Migration {

  override name = 'Migration20261202093000_notes';

  override up(): void | Promise<void> {
    this.addSql(`create type "notification_kind" as enum ('mention');`);

    this.addSql(`create table "notes" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "candidate_id" uuid not null, "author_id" uuid null, "body" jsonb not null, "mention_ids" uuid[] not null default '{}', primary key ("id"));`);
    this.addSql(`create index "notes_author_id_index" on "notes" ("author_id");`);
    this.addSql(`create index "notes_candidate_created_idx" on "notes" ("candidate_id", "created_at", "id");`);

    this.addSql(`create table "notifications" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "user_id" uuid not null, "kind" "notification_kind" not null, "candidate_id" uuid not null, "note_id" uuid null, "actor_id" uuid null, "read_at" timestamptz(3) null, primary key ("id"));`);
    this.addSql(`create index "notifications_candidate_id_index" on "notifications" ("candidate_id");`);
    this.addSql(`create index "notifications_note_id_index" on "notifications" ("note_id");`);
    this.addSql(`create index "notifications_actor_id_index" on "notifications" ("actor_id");`);
    this.addSql(`create index "notifications_user_created_idx" on "notifications" ("user_id", "created_at", "id");`);
    this.addSql(`create index notifications_user_unread_idx on notifications (user_id) where read_at is null;`);
    this.addSql(`create unique index notifications_mention_once on notifications (note_id, user_id) where kind = 'mention';`);

    this.addSql(`create table "note_revisions" ("id" uuid not null default gen_random_uuid(), "note_id" uuid not null, "version" int not null, "body" jsonb not null, "mention_ids" uuid[] not null default '{}', "written_at" timestamptz(3) not null, primary key ("id"));`);
    this.addSql(`alter table "note_revisions" add constraint "note_revisions_note_version_unique" unique ("note_id", "version");`);

    this.addSql(`alter table "notes" add constraint "notes_candidate_id_foreign" foreign key ("candidate_id") references "candidates" ("id") on delete cascade;`);
    this.addSql(`alter table "notes" add constraint "notes_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "notifications" add constraint "notifications_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "notifications" add constraint "notifications_candidate_id_foreign" foreign key ("candidate_id") references "candidates" ("id") on delete cascade;`);
    this.addSql(`alter table "notifications" add constraint "notifications_note_id_foreign" foreign key ("note_id") references "notes" ("id") on delete cascade;`);
    this.addSql(`alter table "notifications" add constraint "notifications_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "note_revisions" add constraint "note_revisions_note_id_foreign" foreign key ("note_id") references "notes" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notifications" cascade;`);
    this.addSql(`drop table if exists "note_revisions" cascade;`);
    this.addSql(`drop table if exists "notes" cascade;`);
    this.addSql(`drop type "notification_kind";`);
  }

}
