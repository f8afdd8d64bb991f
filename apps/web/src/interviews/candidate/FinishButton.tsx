import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import { FormError } from "../../ui/ErrorState";
import type { CandidateInterview } from "./types";
import { linkGone } from "./useCandidateInterview";

interface Props {
  token: string;
  interview: CandidateInterview;
  onChange: (next: CandidateInterview) => void;
  onGone: () => void;
}

/** "Finish now", after a confirmation that says what is lost: the questions not answered yet. */
export function FinishButton({ token, interview, onChange, onGone }: Props) {
  const trpc = useTRPC();
  const [opened, { open, close }] = useDisclosure(false);
  const finish = useMutation(
    trpc.interviewLink.finish.mutationOptions({
      onSuccess(next) {
        close();
        onChange(next);
      },
      onError(error) {
        if (linkGone(error)) onGone();
      },
    }),
  );
  const left = interview.questionCount - interview.answered;

  return (
    <>
      <Button variant="subtle" color="red" onClick={open}>
        Finish now
      </Button>
      <Modal opened={opened} onClose={close} title="Finish the interview now?" centered>
        <Stack gap="md">
          <Text size="sm">
            {left > 0
              ? `${left} ${left === 1 ? "question is" : "questions are"} still unanswered and will count as unanswered. `
              : ""}
            Anything typed but not submitted is not sent. You cannot come back to the interview afterwards.
          </Text>
          <FormError error={finish.error} title="The interview was not finished" />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-autofocus>
              Keep answering
            </Button>
            <Button color="red" onClick={() => finish.mutate({ token })} loading={finish.isPending}>
              Finish the interview
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
