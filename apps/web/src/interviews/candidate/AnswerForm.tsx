import { Alert, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconSend } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { errorMessage, errorReason, fieldErrors } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { AudioRecorder, canRecord } from "./AudioRecorder";
import type { CandidateInterview, CurrentQuestion } from "./types";
import { linkGone } from "./useCandidateInterview";
import { uploadRecording } from "./upload";
import { draftKey } from "./view";

interface Props {
  token: string;
  question: CurrentQuestion;
  /** The interviewer's next words are on their way: the server takes no answer until they are written. */
  interviewerTyping: boolean;
  interviewerName: string;
  onChange: (next: CandidateInterview) => void;
  onGone: () => void;
}

/** The answer did not reach the server, or the server failed: worth sending again as it is. */
const unreached = (error: unknown) => {
  const reason = errorReason(error);
  return reason === null || reason === "unavailable" || reason === "internal";
};

/** Reads and writes this tab's draft; a browser that refuses storage just keeps no draft. */
const drafts = {
  read(questionId: string): string {
    try {
      return sessionStorage.getItem(draftKey(questionId)) ?? "";
    } catch {
      return "";
    }
  },
  write(questionId: string, text: string) {
    try {
      if (text) sessionStorage.setItem(draftKey(questionId), text);
      else sessionStorage.removeItem(draftKey(questionId));
    } catch {
      // Storage full or refused: the draft lives only on the page.
    }
  },
};

/**
 * The answer to the current question (rendered anew for each question: focus lands in it). Ctrl/Cmd+Enter submits;
 * the draft is kept in this tab so a reload keeps it; a refused submit keeps the text and says what to do.
 */
export function AnswerForm({ token, question, interviewerTyping, interviewerName, onChange, onGone }: Props) {
  const trpc = useTRPC();
  const [text, setText] = useState(() => drafts.read(question.id));
  const [recording, setRecording] = useState<File | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const waitId = useId();
  const recorder = useRef(canRecord());

  useEffect(() => {
    textarea.current?.focus();
  }, []);

  const answer = useMutation(
    trpc.interviewLink.answer.mutationOptions({
      onSuccess(next) {
        drafts.write(question.id, "");
        setText("");
        // A follow-up keeps the same question: the focus goes back to the box for it.
        textarea.current?.focus();
        if (recording) void sendRecording(recording);
        onChange(next);
      },
      onError(error) {
        // The question is no longer the one to answer (time ran out, the link closed): show where things stand.
        if (linkGone(error) || errorReason(error) === "stale_version") onGone();
      },
    }),
  );

  const sendRecording = async (file: File) => {
    try {
      await uploadRecording(token, question.id, file);
    } catch (error) {
      notifications.show({
        color: "orange",
        autoClose: false,
        title: "Your answer was saved, but not its recording",
        message: errorMessage(error),
      });
    }
  };

  const textError = fieldErrors(answer.error).find((e) => e.path === "text")?.message;
  const otherError = answer.error && !textError ? answer.error : null;

  const submit = () => {
    if (answer.isPending || interviewerTyping) return;
    answer.mutate({ token, questionId: question.id, text });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <Textarea
          ref={textarea}
          label="Your answer"
          description="Ctrl+Enter (⌘+Enter on a Mac) submits. Until then your draft is kept in this tab."
          autosize
          minRows={5}
          maxRows={16}
          value={text}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setText(value);
            drafts.write(question.id, value);
            if (textError) answer.reset();
          }}
          onKeyDown={onKeyDown}
          error={textError}
          readOnly={answer.isPending}
        />
        {otherError && (
          <Alert color="red" variant="light" title="Your answer was not saved" role="alert">
            {errorMessage(otherError)} Your text is still here
            {unreached(otherError) ? ": check your connection, then submit again." : "."}
          </Alert>
        )}
        <Group justify="space-between" gap="sm" wrap="wrap">
          {recorder.current ? <AudioRecorder onChange={setRecording} disabled={answer.isPending} /> : <span />}
          <Group gap="xs" wrap="nowrap">
            {interviewerTyping && (
              <Text size="xs" c="dimmed" id={waitId}>
                {interviewerName} is typing…
              </Text>
            )}
            <Button
              type="submit"
              leftSection={<IconSend size={16} aria-hidden />}
              loading={answer.isPending}
              disabled={interviewerTyping}
              aria-describedby={interviewerTyping ? waitId : undefined}
            >
              Submit answer
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
