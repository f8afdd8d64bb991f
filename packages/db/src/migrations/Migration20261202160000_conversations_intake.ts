import { Migration } from '@mikro-orm/migrations';

/** The conversation engine (personas, modules, conversations, messages, state, memories) and the vacancy intake. */
export class Migration20261202160000_conversations_intake extends Migration {

  override name = 'Migration20261202160000_conversations_intake';

  override up(): void | Promise<void> {
    this.addSql(`alter table "jobs" add column "vacancy_profile_version" int not null default 0;`);
    this.addSql(`create type "chat_module_type" as enum ('simple', 'advanced');`);
    this.addSql(`create type "chat_trigger_kind" as enum ('always', 'regex', 'keywords');`);
    this.addSql(`create type "chat_execution_context" as enum ('IMMEDIATE', 'POST_RESPONSE', 'ON_DEMAND');`);
    this.addSql(`create type "persona_mode" as enum ('chat', 'interviewer', 'intake');`);
    this.addSql(`create type "llm_provider" as enum ('builtin', 'openai-compatible');`);
    this.addSql(`create type "chat_message_role" as enum ('system', 'user', 'assistant');`);
    this.addSql(`create type "chat_message_status" as enum ('complete', 'pending', 'streaming', 'failed', 'incomplete');`);
    this.addSql(`create type "memory_type" as enum ('fact', 'preference', 'event', 'commitment');`);
    this.addSql(`create table "chat_modules" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "name" varchar(120) not null, "description" text not null default '', "content" text not null default '', "type" "chat_module_type" not null default 'simple', "trigger_kind" "chat_trigger_kind" not null default 'always', "trigger_pattern" text null, "trigger_keywords" text[] not null default '{}', "script" text null, "execution_context" "chat_execution_context" not null default 'IMMEDIATE', "requires_ai" boolean not null default false, "stage_priority" int not null default 100, "active" boolean not null default true, primary key ("id"));`);
    this.addSql(`alter table "chat_modules" add constraint "chat_modules_name_unique" unique ("name");`);
    this.addSql(`create table "personas" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "name" varchar(120) not null, "description" text not null default '', "template" text not null, "mode" "persona_mode" not null default 'chat', "first_message" text null, "avatar_file" varchar(100) null, "active" boolean not null default true, "provider" "llm_provider" not null default 'builtin', "model" varchar(200) null, "provider_options" jsonb not null default '{}', "api_key_sealed" jsonb null, "builtin_key" varchar(50) null, "created_by_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "personas" add constraint "personas_name_unique" unique ("name");`);
    this.addSql(`alter table "personas" add constraint "personas_builtin_key_unique" unique ("builtin_key");`);
    this.addSql(`create table "persona_modules" ("persona_id" uuid not null, "module_id" uuid not null, "position" int not null, primary key ("persona_id", "module_id"));`);
    this.addSql(`create index "persona_modules_module_id_index" on "persona_modules" ("module_id");`);
    this.addSql(`create table "conversations" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "title" varchar(200) not null, "persona_id" uuid not null, "provider" "llm_provider" not null, "model" varchar(200) null, "provider_options" jsonb not null default '{}', "variables" jsonb not null default '{}', "candidate_id" uuid null, "job_id" uuid null, "created_by_id" uuid null, "last_seq" int not null default 0, "last_message_at" timestamptz(3) null, primary key ("id"));`);
    this.addSql(`create index "conversations_persona_id_index" on "conversations" ("persona_id");`);
    this.addSql(`create index "conversations_candidate_id_index" on "conversations" ("candidate_id");`);
    this.addSql(`create index "conversations_job_id_index" on "conversations" ("job_id");`);
    this.addSql(`create index "conversations_updated_idx" on "conversations" ("updated_at", "id");`);
    this.addSql(`create table "intake_sessions" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "job_id" uuid not null, "conversation_id" uuid not null, "profession" varchar(200) not null, "created_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "intake_sessions_job_id_index" on "intake_sessions" ("job_id");`);
    this.addSql(`alter table "intake_sessions" add constraint "intake_sessions_conversation_unique" unique ("conversation_id");`);
    this.addSql(`create index "intake_sessions_created_idx" on "intake_sessions" ("created_at", "id");`);
    this.addSql(`create table "conversation_states" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "version" int not null default 1, "conversation_id" uuid not null, "persona_id" uuid not null, "module_id" uuid null, "key" varchar(255) not null, "value" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "conversation_states_persona_id_index" on "conversation_states" ("persona_id");`);
    this.addSql(`create index "conversation_states_module_id_index" on "conversation_states" ("module_id");`);
    this.addSql(`create unique index conversation_states_key_unique on conversation_states (conversation_id, persona_id, coalesce(module_id, '00000000-0000-0000-0000-000000000000'::uuid), key);`);
    this.addSql(`create table "chat_messages" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "conversation_id" uuid not null, "seq" int not null, "role" "chat_message_role" not null, "content" text not null default '', "reasoning" text null, "status" "chat_message_status" not null default 'complete', "error" text null, "reply_to_id" uuid null, "author_id" uuid null, "input_tokens" int null, "output_tokens" int null, "latency_ms" int null, "trace" jsonb not null default '[]', "quick_replies" text[] not null default '{}', primary key ("id"));`);
    this.addSql(`create index chat_messages_unfinished_idx on chat_messages (conversation_id, seq) where status in ('pending', 'streaming');`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_conversation_seq_unique" unique ("conversation_id", "seq");`);
    this.addSql(`create table "conversation_memories" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "conversation_id" uuid not null, "persona_id" uuid null, "message_id" uuid null, "content" text not null, "type" "memory_type" not null, "importance" double precision not null default 0.5, "last_accessed_at" timestamptz(3) null, "access_count" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "conversation_memories_persona_id_index" on "conversation_memories" ("persona_id");`);
    this.addSql(`create index "conversation_memories_message_id_index" on "conversation_memories" ("message_id");`);
    this.addSql(`create index "conversation_memories_conversation_idx" on "conversation_memories" ("conversation_id", "created_at");`);
    this.addSql(`create index conversation_memories_search_idx on conversation_memories using gin (to_tsvector('english', content));`);
    this.addSql(`create table "vacancy_reports" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), "job_id" uuid not null, "profile_version" int not null, "content" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "vacancy_reports" add constraint "vacancy_reports_job_version_unique" unique ("job_id", "profile_version");`);
    this.addSql(`alter table "persona_modules" add constraint "persona_modules_persona_id_foreign" foreign key ("persona_id") references "personas" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "persona_modules" add constraint "persona_modules_module_id_foreign" foreign key ("module_id") references "chat_modules" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "conversations" add constraint "conversations_persona_id_foreign" foreign key ("persona_id") references "personas" ("id") on delete restrict;`);
    this.addSql(`alter table "conversations" add constraint "conversations_candidate_id_foreign" foreign key ("candidate_id") references "candidates" ("id") on delete cascade;`);
    this.addSql(`alter table "conversations" add constraint "conversations_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on delete cascade;`);
    this.addSql(`alter table "conversations" add constraint "conversations_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "conversations" add constraint "conversations_one_subject_check" check (candidate_id is null or job_id is null);`);
    this.addSql(`alter table "intake_sessions" add constraint "intake_sessions_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on delete cascade;`);
    this.addSql(`alter table "intake_sessions" add constraint "intake_sessions_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on delete cascade;`);
    this.addSql(`alter table "intake_sessions" add constraint "intake_sessions_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "conversation_states" add constraint "conversation_states_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on delete cascade;`);
    this.addSql(`alter table "conversation_states" add constraint "conversation_states_persona_id_foreign" foreign key ("persona_id") references "personas" ("id") on delete cascade;`);
    this.addSql(`alter table "conversation_states" add constraint "conversation_states_module_id_foreign" foreign key ("module_id") references "chat_modules" ("id") on delete cascade;`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on delete cascade;`);
    this.addSql(`alter table "conversation_memories" add constraint "conversation_memories_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on delete cascade;`);
    this.addSql(`alter table "conversation_memories" add constraint "conversation_memories_persona_id_foreign" foreign key ("persona_id") references "personas" ("id") on delete set null;`);
    this.addSql(`alter table "conversation_memories" add constraint "conversation_memories_message_id_foreign" foreign key ("message_id") references "chat_messages" ("id") on delete set null;`);
    this.addSql(`alter table "vacancy_reports" add constraint "vacancy_reports_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "vacancy_reports" cascade;`);
    this.addSql(`drop table if exists "intake_sessions" cascade;`);
    this.addSql(`drop table if exists "conversation_memories" cascade;`);
    this.addSql(`drop table if exists "conversation_states" cascade;`);
    this.addSql(`drop table if exists "chat_messages" cascade;`);
    this.addSql(`drop table if exists "conversations" cascade;`);
    this.addSql(`drop table if exists "persona_modules" cascade;`);
    this.addSql(`drop table if exists "chat_modules" cascade;`);
    this.addSql(`drop table if exists "personas" cascade;`);
    this.addSql(`alter table "jobs" drop column "vacancy_profile_version";`);
    for (const type of ["memory_type", "chat_message_status", "chat_message_role", "llm_provider", "persona_mode", "chat_execution_context", "chat_trigger_kind", "chat_module_type"]) {
      this.addSql(`drop type "${type}";`);
    }
  }

}
