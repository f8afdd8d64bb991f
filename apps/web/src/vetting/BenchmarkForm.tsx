import { Alert, NumberInput, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { useForm, type FormErrors } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { BenchmarkDTO } from "@shortlist/api";
import { BENCHMARK_METRICS, upsertEnteredBenchmarkInput, type BenchmarkMetric } from "@shortlist/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zod4Resolver } from "mantine-form-zod-resolver";
import { useTRPC } from "../lib/trpc";
import { errorMessage, fieldErrors } from "../lib/errors";
import { FormActions } from "../ui/FormActions";
import { METRIC_LABEL } from "./labels";

const PERCENTILES = ["p50", "p75", "p90"] as const;
type Cell = number | string;
type BandValues = Record<(typeof PERCENTILES)[number], Cell>;

interface Values {
  role: string;
  company: string;
  sampleSize: Cell;
  bands: Record<BenchmarkMetric, BandValues>;
}

const HINT: Record<BenchmarkMetric, string> = {
  learningVelocity: "points per session, may be negative",
  sophistication: "within 1–7",
  chainDepth: "at least 1",
  taoIndex: "within 0–100",
};

const STEP: Record<BenchmarkMetric, number> = {
  learningVelocity: 0.05,
  sophistication: 0.1,
  chainDepth: 0.1,
  taoIndex: 1,
};

function initialValues(b?: BenchmarkDTO): Values {
  const bands = Object.fromEntries(
    BENCHMARK_METRICS.map((m) => [m, b ? { ...b.bands[m] } : { p50: "", p75: "", p90: "" }]),
  ) as Values["bands"];
  return { role: b?.role ?? "", company: b?.company ?? "", sampleSize: b?.sampleSize ?? 0, bands };
}

/** What the server's schema takes; blank number fields are left blank (undefined) for their own message. */
function toInput(values: Values) {
  const num = (v: Cell) => (v === "" ? undefined : Number(v));
  return {
    role: values.role,
    company: values.company,
    sampleSize: values.sampleSize === "" ? 0 : Number(values.sampleSize),
    bands: Object.fromEntries(
      BENCHMARK_METRICS.map((m) => [m, Object.fromEntries(PERCENTILES.map((p) => [p, num(values.bands[m][p])]))]),
    ),
  };
}

const resolve = zod4Resolver(upsertEnteredBenchmarkInput, { errorPriority: "first" });

/** The server's zod schema, with "Enter a number" for blank cells. */
function validate(values: Values): FormErrors {
  const errors: FormErrors = { ...resolve(toInput(values)) };
  for (const m of BENCHMARK_METRICS) {
    for (const p of PERCENTILES) if (values.bands[m][p] === "") errors[`bands.${m}.${p}`] = "Enter a number";
  }
  return errors;
}

/** Create or edit an admin's entered bands for a role (and optionally one company). */
export default function BenchmarkForm({ benchmark, onDone }: { benchmark?: BenchmarkDTO; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const editing = benchmark !== undefined;
  const form = useForm<Values>({ initialValues: initialValues(benchmark), validate });

  const save = useMutation(
    trpc.benchmarks.upsertEntered.mutationOptions({
      async onSuccess(saved) {
        notifications.show({
          color: "green",
          title: "Bands saved",
          message: `${saved.role}, ${saved.company ?? "all companies"}: entered bands saved.`,
        });
        onDone();
        await queryClient.invalidateQueries(trpc.benchmarks.pathFilter());
      },
      onError(error) {
        for (const f of fieldErrors(error)) form.setFieldError(f.path, f.message);
      },
    }),
  );

  const submit = form.onSubmit((values) => save.mutate(upsertEnteredBenchmarkInput.parse(toInput(values))));
  const bandError = (m: BenchmarkMetric) => form.errors[`bands.${m}`];
  const unplaced = save.isError
    ? fieldErrors(save.error).filter((f) => !/^(role|company|sampleSize|bands)/.test(f.path))
    : [];

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Role"
            required
            readOnly={editing}
            data-autofocus={!editing || undefined}
            {...form.getInputProps("role")}
          />
          <TextInput
            label="Company"
            description="Leave empty for all companies"
            readOnly={editing}
            {...form.getInputProps("company")}
          />
          <NumberInput
            label="Sample size"
            description="People the bands stand for (0: judgement)"
            min={0}
            allowDecimal={false}
            {...form.getInputProps("sampleSize")}
          />
        </SimpleGrid>
        {editing && (
          <Text size="xs" c="dimmed">
            Role and company name the benchmark; to enter bands for another, close this and use “Enter bands”.
          </Text>
        )}

        <Table verticalSpacing="xs" withRowBorders={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Metric</Table.Th>
              {PERCENTILES.map((p) => (
                <Table.Th key={p} scope="col">
                  {p}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {BENCHMARK_METRICS.map((m) => (
              <Table.Tr key={m} style={{ verticalAlign: "top" }}>
                <Table.Th scope="row">
                  <Text size="sm" fw={600}>
                    {METRIC_LABEL[m]}
                  </Text>
                  <Text size="xs" c="dimmed" fw={400}>
                    {HINT[m]}
                  </Text>
                  {bandError(m) && (
                    <Text size="xs" c="red" fw={400} role="alert">
                      {bandError(m)}
                    </Text>
                  )}
                </Table.Th>
                {PERCENTILES.map((p) => (
                  <Table.Td key={p}>
                    <NumberInput
                      aria-label={`${METRIC_LABEL[m]} ${p}`}
                      step={STEP[m]}
                      decimalScale={3}
                      hideControls
                      {...form.getInputProps(`bands.${m}.${p}`)}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>

        {save.isError && (unplaced.length > 0 || fieldErrors(save.error).length === 0) && (
          <Alert color="red" variant="light" title="Not saved" role="alert">
            {errorMessage(save.error)}
          </Alert>
        )}

        <FormActions onCancel={onDone} loading={save.isPending} disabled={save.isPending}>
          Save bands
        </FormActions>
      </Stack>
    </form>
  );
}
