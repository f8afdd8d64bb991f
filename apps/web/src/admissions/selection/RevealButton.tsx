import { Button, Modal, Stack, Text } from "@mantine/core";
import type { RevealedIdentityDto } from "@shortlist/api";
import { IconEye } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { FormActions } from "../../ui/FormActions";

interface Props {
  applicationId: string;
  number: number;
  onRevealed: (identity: RevealedIdentityDto) => void;
}

/** An admin's reveal of a selected applicant's identity, asked first: every reveal is an audit event naming them. */
export function RevealButton({ applicationId, number, onRevealed }: Props) {
  const trpc = useTRPC();
  const [asking, setAsking] = useState(false);
  const reveal = useMutation(
    trpc.admissions.reveal.mutationOptions({
      onSuccess(identity) {
        onRevealed(identity);
        setAsking(false);
      },
    }),
  );
  return (
    <>
      <Button
        size="xs"
        variant="light"
        color="orange"
        leftSection={<IconEye size={14} aria-hidden />}
        onClick={() => setAsking(true)}
        aria-label={`Reveal identity of application #${number}`}
      >
        Reveal identity
      </Button>
      <Modal
        opened={asking}
        onClose={() => !reveal.isPending && setAsking(false)}
        title={`Reveal the identity of application #${number}?`}
      >
        <Stack>
          <Text size="sm">
            You will see this applicant&apos;s name, email, phone and identifying answers. The reveal is recorded in the
            audit log, naming you and the application; reveal only when you need to contact or admit the person.
          </Text>
          {reveal.isError && (
            <Text size="sm" c="red" role="alert">
              {errorMessage(reveal.error)}
            </Text>
          )}
          <FormActions
            onCancel={() => setAsking(false)}
            onClick={() => reveal.mutate({ applicationId })}
            loading={reveal.isPending}
            color="orange"
            data-autofocus
          >
            Reveal
          </FormActions>
        </Stack>
      </Modal>
    </>
  );
}
