import { Alert, Button, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm, type GetInputPropsReturnType } from "@mantine/form";
import type { ApplyFormDto, ReceiptDto } from "@shortlist/api";
import { IconSend } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useId, useRef } from "react";
import { errorDetails, errorMessage, errorReason, fieldErrors, type FieldError } from "../../lib/errors";
import { useFocusFirstError } from "../../lib/form-errors";
import { formatDateTime } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { answerPath, checkApplication, emptyApplication, submission } from "./application";

type FormQuestion = ApplyFormDto["questions"][number];

interface Props {
  cycle: ApplyFormDto;
  onReceived: (receipt: ReceiptDto) => void;
  /** The server said the cycle stopped taking applications meanwhile: read the form again. */
  onClosed: () => void;
}

const DUPLICATE_EMAIL = "An application with this email was already received for this cycle.";

/** Name, email, phone and the cycle's questions; errors (the browser's or the server's) under their fields. */
export function ApplicationForm({ cycle, onReceived, onClosed }: Props) {
  const trpc = useTRPC();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm({
    initialValues: emptyApplication(cycle.questions),
    validate: (values) => checkApplication(cycle.questions, values),
  });
  const fields = new Set(["name", "email", "phone", ...cycle.questions.map((q) => answerPath(q.key))]);
  const focusFirstError = useFocusFirstError(formRef);

  const submit = useMutation(
    trpc.applicants.submit.mutationOptions({
      onSuccess: (receipt) => {
        onReceived(receipt);
        window.scrollTo({ top: 0 });
      },
      onError(error) {
        if (errorReason(error) === "precondition_failed") return onClosed();
        if (errorReason(error) === "duplicate") form.setFieldError("email", DUPLICATE_EMAIL);
        for (const { path, message } of fieldErrors(error)) if (fields.has(path)) form.setFieldError(path, message);
        focusFirstError();
      },
    }),
  );
  const unplaced = fieldErrors(submit.error).filter((e) => !fields.has(e.path));

  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
      <form
        ref={formRef}
        noValidate
        aria-label={`Application to ${cycle.name}`}
        onSubmit={form.onSubmit(
          (values) => submit.mutate(submission(cycle.slug, cycle.questions, values)),
          focusFirstError,
        )}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Your application is reviewed blind: reviewers see your answers with names, contact details, links and places
            taken out. Your identity is revealed only if you are selected.
          </Text>
          <TextInput label="Full name" autoComplete="name" required {...form.getInputProps("name")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps("email")} />
            <TextInput
              label="Phone"
              type="tel"
              autoComplete="tel"
              description="Optional; with your country code"
              inputWrapperOrder={["label", "input", "description", "error"]}
              {...form.getInputProps("phone")}
            />
          </SimpleGrid>
          {cycle.questions.map((question) => (
            <QuestionInput
              key={question.key}
              question={question}
              inputProps={form.getInputProps(answerPath(question.key))}
            />
          ))}
          <Honeypot value={form.getValues().website} onChange={(value) => form.setFieldValue("website", value)} />
          <SubmitProblem error={submit.error} unplaced={unplaced} />
          <Button
            type="submit"
            size="md"
            loading={submit.isPending}
            leftSection={<IconSend size={18} aria-hidden />}
            style={{ alignSelf: "flex-start" }}
          >
            Submit application
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

interface QuestionProps {
  question: FormQuestion;
  /** The form's props of this answer (value, onChange, error, onFocus, onBlur). */
  inputProps: GetInputPropsReturnType;
}

/**
 * A short answer on one line; a long one in a growing box with a character counter under it. No `maxLength`
 * attribute: the browser would cut a pasted answer silently; over the limit, the counter turns red and the form's
 * check refuses it under the answer.
 */
function QuestionInput({ question, inputProps }: QuestionProps) {
  const value = typeof inputProps.value === "string" ? inputProps.value : "";
  const hint = question.identifying ? "Kept with your identity; reviewers do not see it." : undefined;
  if (question.kind === "short") {
    return <TextInput label={question.label} required={question.required} description={hint} {...inputProps} />;
  }
  const over = value.length > question.maxLength;
  return (
    <Textarea
      label={question.label}
      required={question.required}
      autosize
      minRows={4}
      maxRows={16}
      inputWrapperOrder={["label", "input", "description", "error"]}
      description={
        <Text span size="xs" c={over ? "red" : "dimmed"}>
          {hint ? `${hint} ` : ""}
          {value.length.toLocaleString()} / {question.maxLength.toLocaleString()} characters
        </Text>
      }
      {...inputProps}
    />
  );
}

/** Left empty by people (they never see or reach it); a bot that fills every field is refused. */
function Honeypot({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div
      aria-hidden="true"
      style={{ position: "absolute", left: -10_000, top: "auto", width: 1, height: 1, overflow: "hidden" }}
    >
      <label htmlFor={id}>Website</label>
      <input
        id={id}
        name="website"
        type="text"
        tabIndex={-1}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </div>
  );
}

/** Why the submission was refused, above the button: what no single field shows. */
function SubmitProblem({ error, unplaced }: { error: unknown; unplaced: FieldError[] }) {
  if (!error) return null;
  const reason = errorReason(error);
  if (reason === "too_many_attempts") {
    const retryAt = errorDetails(error).retryAt;
    return (
      <Alert color="orange" variant="light" title="Too many applications from your network" role="alert">
        {typeof retryAt === "string"
          ? `Please try again after ${formatDateTime(new Date(retryAt))}.`
          : "Please try again later."}
      </Alert>
    );
  }
  const placed = reason === "duplicate" || fieldErrors(error).length > unplaced.length;
  if (placed && !unplaced.length) {
    return (
      <Alert color="red" variant="light" title="Not submitted" role="alert">
        Fix the fields marked in red and try again.
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title="Not submitted" role="alert">
      {unplaced.length ? unplaced.map((e) => <div key={e.path}>{e.message}</div>) : errorMessage(error)}
    </Alert>
  );
}
