import { Migration } from '@mikro-orm/migrations';

/** The board's first cards per column, and the list view's "added" order, read from indexes rather than sorted. */
export class Migration20261202094234_board_indexes extends Migration {

  override name = 'Migration20261202094234_board_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "applications_job_created_idx" on "applications" ("job_id", "created_at", "id");`);
    this.addSql(`create index applications_board_idx on applications (stage_id, stage_entered_at, id) where outcome in ('active', 'hired');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "applications_board_idx";`);
    this.addSql(`drop index if exists "applications_job_created_idx";`);
  }

}
