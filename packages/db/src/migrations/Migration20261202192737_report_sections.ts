import { Migration } from '@mikro-orm/migrations';

/** Hiring reports keep other modules' sections (interviews' "Interview") as they were when generated. */
export class Migration20261202192737_report_sections extends Migration {

  override name = 'Migration20261202192737_report_sections';

  override up(): void | Promise<void> {
    this.addSql(`alter table "reports" add column "sections" jsonb not null default '[]';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "reports" drop column "sections";`);
  }

}
