import { Migration } from '@mikro-orm/migrations';

export class Migration20261202073515_audit_chainer extends Migration {

  override name = 'Migration20261202073515_audit_chainer';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_events" drop constraint "audit_events_pkey";`);
    this.addSql(`alter table "audit_events" add "id" bigserial primary key;`);
    this.addSql(`alter table "audit_events" alter column "seq" drop not null;`);
    this.addSql(`alter table "audit_events" alter column "prev_hash" drop not null;`);
    this.addSql(`alter table "audit_events" alter column "hash" drop not null;`);
    this.addSql(`alter table "audit_events" add constraint "audit_events_seq_unique" unique ("seq");`);
    this.addSql(`create index audit_events_pending_idx on audit_events (id) where seq is null;`);

    // Chaining sets seq, prev_hash and hash once on a committed event; every other change stays refused.
    this.addSql(`create function audit_events_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and old.seq is null and old.hash is null and old.prev_hash is null
          and new.seq is not null and new.hash is not null and new.prev_hash is not null
          and (new.id, new.at, new.actor_type, new.actor_id, new.actor_label, new.action, new.entity_kind,
               new.entity_id, new.subject_id, new.request_id, new.ip, new.change)
          is not distinct from (old.id, old.at, old.actor_type, old.actor_id, old.actor_label, old.action,
               old.entity_kind, old.entity_id, old.subject_id, old.request_id, old.ip, old.change) then
          return new;
        end if;
        raise exception '% on % is refused: the audit trail is append-only', tg_op, tg_table_name
          using errcode = 'insufficient_privilege';
      end
    $$;`);
    this.addSql(`drop trigger audit_events_append_only on "audit_events";`);
    this.addSql(`create trigger audit_events_append_only before update or delete on "audit_events" for each row execute function audit_events_guard();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger audit_events_append_only on "audit_events";`);
    this.addSql(`create trigger audit_events_append_only before update or delete on "audit_events" for each row execute function audit_refuse_change();`);
    this.addSql(`drop function audit_events_guard();`);
    this.addSql(`alter table "audit_events" drop constraint "audit_events_seq_unique";`);
    this.addSql(`drop index "audit_events_pending_idx";`);
    this.addSql(`alter table "audit_events" drop constraint "audit_events_pkey";`);
    this.addSql(`alter table "audit_events" drop column "id";`);
    this.addSql(`alter table "audit_events" alter column "seq" set not null;`);
    this.addSql(`alter table "audit_events" alter column "prev_hash" set not null;`);
    this.addSql(`alter table "audit_events" alter column "hash" set not null;`);
    this.addSql(`alter table "audit_events" add primary key ("seq");`);
  }

}
