import { Migration } from '@mikro-orm/migrations';

export class Migration20261202071253_audit extends Migration {

  override name = 'Migration20261202071253_audit';

  override up(): void | Promise<void> {
    this.addSql(`create type "audit_actor_type" as enum ('user', 'token', 'system', 'anonymous');`);
    this.addSql(`create table "audit_events" ("seq" bigint not null, "at" timestamptz(3) not null, "actor_type" "audit_actor_type" not null, "actor_id" varchar(255) null, "actor_label" varchar(255) null, "action" varchar(255) not null, "entity_kind" varchar(100) not null, "entity_id" varchar(255) null, "subject_id" uuid null, "request_id" varchar(255) null, "ip" varchar(100) null, "change" jsonb not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, primary key ("seq"));`);
    this.addSql(`create index "audit_events_actor_idx" on "audit_events" ("actor_id", "seq");`);
    this.addSql(`create index "audit_events_action_idx" on "audit_events" ("action", "seq");`);
    this.addSql(`create index "audit_events_entity_idx" on "audit_events" ("entity_kind", "entity_id", "seq");`);
    this.addSql(`create index "audit_events_subject_idx" on "audit_events" ("subject_id", "seq");`);
    this.addSql(`create index "audit_events_at_idx" on "audit_events" ("at", "seq");`);

    this.addSql(`create table "audit_head" ("id" int not null, "seq" bigint not null, "hash" varchar(64) not null, primary key ("id"));`);
    this.addSql(`alter table "audit_head" add constraint "audit_head_one_row" check (id = 1);`);
    this.addSql(`insert into "audit_head" ("id", "seq", "hash") values (1, 0, '${'0'.repeat(64)}');`);

    // Append-only for every role, the owner included (only disabling the trigger, as the owner, gets past it).
    this.addSql(`create function audit_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception '% on % is refused: the audit trail is append-only', tg_op, tg_table_name
          using errcode = 'insufficient_privilege';
      end
    $$;`);
    this.addSql(`create trigger audit_events_append_only before update or delete on "audit_events" for each row execute function audit_refuse_change();`);
    this.addSql(`create trigger audit_events_no_truncate before truncate on "audit_events" for each statement execute function audit_refuse_change();`);
    this.addSql(`create trigger audit_head_keep before delete on "audit_head" for each row execute function audit_refuse_change();`);
    this.addSql(`create trigger audit_head_no_truncate before truncate on "audit_head" for each statement execute function audit_refuse_change();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_events" cascade;`);
    this.addSql(`drop table if exists "audit_head" cascade;`);
    this.addSql(`drop function if exists audit_refuse_change();`);
    this.addSql(`drop type "audit_actor_type";`);
  }

}
