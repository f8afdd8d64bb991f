import { Migration } from '@mikro-orm/migrations';

export class Migration20261122102428_initial extends Migration {

  override name = 'Migration20261122102428_initial';

  override up(): void | Promise<void> {
    // Trigram indexes make substring search over names and emails fast at a million rows.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create type "candidate_status" as enum ('pending', 'invited', 'in_progress', 'completed', 'rejected', 'hired');`);
    this.addSql(`create type "user_role" as enum ('admin', 'recruiter', 'reviewer', 'viewer');`);
    this.addSql(`create table "candidates" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "name" varchar(255) not null, "email" varchar(255) not null, "role" varchar(255) not null, "company" varchar(255) not null, "status" "candidate_status" not null default 'pending', "consent_given" boolean not null default false, "consent_timestamp" timestamptz null, "assessment_domains" text[] not null default '{}', "assessment_start" timestamptz null, "assessment_end" timestamptz null, "recruiter_notes" text null, "resume_url" varchar(500) null, primary key ("id"));`);
    this.addSql(`create index "candidates_created_idx" on "candidates" ("created_at", "id");`);
    this.addSql(`create index "candidates_status_created_idx" on "candidates" ("status", "created_at", "id");`);
    this.addSql(`create index "candidates_company_created_idx" on "candidates" ("company", "created_at", "id");`);
    this.addSql(`create index "candidates_role_created_idx" on "candidates" ("role", "created_at", "id");`);
    this.addSql(`create index candidates_domains_gin_idx on candidates using gin (assessment_domains);`);
    this.addSql(`create index candidates_search_trgm_idx on candidates using gin ((lower(name || ' ' || email)) gin_trgm_ops);`);
    this.addSql(`create unique index candidates_company_email_unique on candidates (lower(company), lower(email));`);

    this.addSql(`create table "login_throttles" ("key" varchar(400) not null, "failures" int not null default 0, "window_started_at" timestamptz not null, "locked_until" timestamptz null, primary key ("key"));`);

    this.addSql(`create table "users" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "email" varchar(320) not null, "name" varchar(200) not null, "role" "user_role" not null, "password_hash" text not null, "disabled_at" timestamptz null, "last_login_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "sessions" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "token_hash" varchar(64) not null, "user_id" uuid not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "ip" varchar(64) null, "user_agent" varchar(512) null, primary key ("id"));`);
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);

    this.addSql(`create table "api_tokens" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "name" varchar(100) not null, "prefix" varchar(16) not null, "token_hash" varchar(64) not null, "user_id" uuid not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "api_tokens" add constraint "api_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "api_tokens_user_id_index" on "api_tokens" ("user_id");`);

    this.addSql(`alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "api_tokens" add constraint "api_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);
    this.addSql(`alter table "api_tokens" drop constraint "api_tokens_user_id_foreign";`);

    this.addSql(`drop table if exists "candidates" cascade;`);
    this.addSql(`drop table if exists "login_throttles" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "sessions" cascade;`);
    this.addSql(`drop table if exists "api_tokens" cascade;`);

    this.addSql(`drop type "candidate_status";`);
    this.addSql(`drop type "user_role";`);
  }

}
