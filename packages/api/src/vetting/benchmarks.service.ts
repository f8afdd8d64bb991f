/** Role benchmarks: percentiles of completed assessments in SQL, bands an admin entered, and the choice between them. */
import { Benchmark, MIN_BENCHMARK_SAMPLE, type EntityManager, type IAssessment, type IBenchmark } from "@shortlist/db";
import { dbRows } from "../db-rows";
import type { Tx } from "./audit";
import { isThin, toBenchmarkDTO, type BenchmarkDTO } from "./mappers";
import type { ListBenchmarksInput, UpsertEnteredBenchmarkInput } from "./schemas";

const METRIC_COLUMNS = [
  ["learning_velocity", "learning_velocity"],
  ["sophistication", "avg_sophistication"],
  ["chain_depth", "chain_depth"],
  ["tao_index", "tao_index"],
] as const;
const PERCENTILES = [
  ["p50", 0.5],
  ["p75", 0.75],
  ["p90", 0.9],
] as const;
const BAND_COLUMNS = METRIC_COLUMNS.flatMap(([band]) => PERCENTILES.map(([p]) => `${band}_${p}`));

/** Matches the unique index benchmarks_role_company_source_unique. */
const CONFLICT_TARGET = "(lower(role), lower(coalesce(company, '')), source)";
const UPDATE_BANDS = BAND_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ");

/** Read again from the database: an upsert by SQL may have changed the row the identity map holds. */
const byId = (em: EntityManager, id: string) => em.findOneOrFail(Benchmark, id, { refresh: true });

/**
 * Recomputes the computed benchmark of a role (narrowed to one company when given) from its
 * completed assessments with percentile_cont; with none, the computed row is removed.
 */
/**
 * Serialises, per role, the work that reads the role's completed assessments (percentile, bands) until
 * the transaction ends: a caller that waited reads what the other committed, not a stale snapshot.
 */
export async function lockRole(em: EntityManager, role: string) {
  await em.execute("select pg_advisory_xact_lock(hashtext('shortlist.benchmark:' || lower(?)))", [role]);
}

export async function recomputeBenchmark(ctx: Tx, role: string, company: string | null) {
  const { em } = ctx;
  await lockRole(em, role);
  const filter = company === null ? "" : "and lower(company) = lower(?)";
  const params = company === null ? [role] : [role, company];
  const aggregates = METRIC_COLUMNS.flatMap(([band, column]) =>
    PERCENTILES.map(
      ([p, fraction]) => `percentile_cont(${fraction}) within group (order by ${column}) as ${band}_${p}`,
    ),
  ).join(",\n           ");
  const rows = await em.execute<{ id: string; sample_size: number }[]>(
    `with stats as (
       select count(*)::int as sample_size,
              mode() within group (order by role) as role,
              ${company === null ? "null::varchar" : "mode() within group (order by company)"} as company,
              ${aggregates}
         from assessments
        where status = 'completed' and lower(role) = lower(?) ${filter}
     )
     insert into benchmarks (role, company, source, sample_size, ${BAND_COLUMNS.join(", ")})
     select role, company, 'computed', sample_size, ${BAND_COLUMNS.join(", ")} from stats where sample_size > 0
     on conflict ${CONFLICT_TARGET}
     do update set role = excluded.role, company = excluded.company, sample_size = excluded.sample_size,
                   ${UPDATE_BANDS}, updated_at = now()
     returning id, sample_size`,
    params,
  );
  const row = rows[0];
  if (!row) {
    const removed = await em.execute<{ id: string }[]>(
      `delete from benchmarks where source = 'computed' and lower(role) = lower(?) and lower(coalesce(company, '')) = lower(?)
       returning id`,
      [role, company ?? ""],
    );
    ctx.audit.record({
      entity: { kind: "benchmark", id: removed[0]?.id ?? null },
      after: { role, company, source: "computed", sampleSize: 0, removed: removed.length > 0 },
    });
    return { benchmark: null, sampleSize: 0, thin: true };
  }
  const benchmark = toBenchmarkDTO(await byId(em, row.id));
  ctx.audit.record({
    entity: { kind: "benchmark", id: row.id },
    after: { role: benchmark.role, company: benchmark.company, source: "computed", sampleSize: row.sample_size },
  });
  return { benchmark, sampleSize: row.sample_size, thin: benchmark.thin };
}

/** After an assessment completes: the role's benchmark across companies and the one for its company. */
export async function recomputeForAssessment(ctx: Tx, assessment: IAssessment) {
  await recomputeBenchmark(ctx, assessment.role, null);
  await recomputeBenchmark(ctx, assessment.role, assessment.company);
}

export async function upsertEnteredBenchmark(ctx: Tx, input: UpsertEnteredBenchmarkInput): Promise<BenchmarkDTO> {
  const { em } = ctx;
  const { bands } = input;
  const values = [bands.learningVelocity, bands.sophistication, bands.chainDepth, bands.taoIndex].flatMap((b) => [
    b.p50,
    b.p75,
    b.p90,
  ]);
  const [row] = await em.execute<{ id: string }[]>(
    `insert into benchmarks (role, company, source, sample_size, ${BAND_COLUMNS.join(", ")})
     values (?, ?, 'entered', ?, ${BAND_COLUMNS.map(() => "?").join(", ")})
     on conflict ${CONFLICT_TARGET}
     do update set role = excluded.role, company = excluded.company, sample_size = excluded.sample_size,
                   ${UPDATE_BANDS}, updated_at = now()
     returning id`,
    [input.role, input.company, input.sampleSize, ...values],
  );
  const benchmark = toBenchmarkDTO(await byId(em, row!.id));
  ctx.audit.record({
    entity: { kind: "benchmark", id: benchmark.id },
    after: { role: input.role, company: input.company, source: "entered", sampleSize: input.sampleSize, bands },
  });
  return benchmark;
}

export async function getBenchmark(em: EntityManager, id: string) {
  return toBenchmarkDTO(await byId(em, id));
}

/** All benchmarks (one row per role, company and source), by role; optionally one role or one source. */
export async function listBenchmarks(em: EntityManager, input: ListBenchmarksInput) {
  const qb = em.createQueryBuilder(Benchmark, "b");
  if (input.role) qb.andWhere("lower(b.role) = lower(?)", [input.role]);
  if (input.source) qb.andWhere({ source: input.source });
  const rows = await qb.orderBy({ role: "asc", company: "asc nulls first", source: "asc" }).limit(1000).getResult();
  return rows.map(toBenchmarkDTO);
}

async function findScoped(em: EntityManager, role: string, company: string | null, source: IBenchmark["source"]) {
  const [row] = await em.execute<{ id: string }[]>(
    "select id from benchmarks where lower(role) = lower(?) and lower(coalesce(company, '')) = lower(?) and source = ?",
    [role, company ?? "", source],
  );
  return row ? byId(em, row.id) : null;
}

/**
 * The benchmark a report compares against (docs/scoring.md §10): a computed one with at least
 * MIN_BENCHMARK_SAMPLE assessments (the company's, then the role's), else entered bands (the
 * company's, then the role's), else a thin computed one, else none.
 */
export async function resolveBenchmark(em: EntityManager, role: string, company: string | null) {
  const computedCompany = company ? await findScoped(em, role, company, "computed") : null;
  const computedRole = await findScoped(em, role, null, "computed");
  const enteredCompany = company ? await findScoped(em, role, company, "entered") : null;
  const enteredRole = await findScoped(em, role, null, "entered");
  const effective =
    [computedCompany, computedRole].find((b) => b && !isThin(b)) ??
    enteredCompany ??
    enteredRole ??
    computedRole ??
    computedCompany ??
    null;
  return {
    role,
    company,
    minSampleSize: MIN_BENCHMARK_SAMPLE,
    effective: effective ? toBenchmarkDTO(effective) : null,
    thin: effective ? isThin(effective) : true,
    computed: {
      company: computedCompany && toBenchmarkDTO(computedCompany),
      role: computedRole && toBenchmarkDTO(computedRole),
    },
    entered: {
      company: enteredCompany && toBenchmarkDTO(enteredCompany),
      role: enteredRole && toBenchmarkDTO(enteredRole),
    },
    entity: effective,
  };
}

/** percent_rank (0–100) of an assessment's tao index among the role's completed assessments, and how many there are. */
export async function rolePercentile(em: EntityManager, assessment: Pick<IAssessment, "id" | "role">) {
  const [row] = dbRows<{ percentile: number; sampleSize: number }>(
    await em.execute(
      `select percentile, sample_size from (
       select id, 100 * percent_rank() over (order by tao_index) as percentile, count(*) over ()::int as sample_size
         from assessments
        where status = 'completed' and lower(role) = lower(?)
     ) ranked where id = ?`,
      [assessment.role, assessment.id],
    ),
    { numbers: ["percentile"] },
  );
  return row ?? null;
}
