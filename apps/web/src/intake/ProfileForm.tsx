import { Alert, NumberInput, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage, errorReason, fieldErrors } from "../lib/errors";
import { useTRPC } from "../lib/trpc";
import { FormActions } from "../ui/FormActions";
import { PERIOD_OPTIONS, REMOTE_OPTIONS, SENIORITY_OPTIONS } from "./labels";
import {
  formValuesOf,
  profileOf,
  serverProfileErrors,
  validateProfileForm,
  type ProfileFormValues,
} from "./profile-form-values";
import { SkillsField } from "./SkillsField";
import type { ProfileDTO } from "./types";

/** Every field of the vacancy profile, saved whole over the version it was read at. */
export function ProfileForm({ dto, onDone }: { dto: ProfileDTO; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<ProfileFormValues>({
    initialValues: formValuesOf(dto.profile),
    validate: validateProfileForm,
  });
  const save = useMutation(
    trpc.intake.updateProfile.mutationOptions({
      async onSuccess(saved) {
        notifications.show({ color: "green", title: "Profile saved", message: `Version ${saved.version}.` });
        queryClient.setQueryData(trpc.intake.profile.queryKey({ jobId: dto.jobId }), saved);
        onDone();
        await queryClient.invalidateQueries(trpc.intake.pathFilter());
      },
      async onError(error) {
        form.setErrors(serverProfileErrors(fieldErrors(error)));
        if (errorReason(error) === "stale_version")
          await queryClient.invalidateQueries(trpc.intake.profile.queryFilter({ jobId: dto.jobId }));
      },
    }),
  );
  const submit = form.onSubmit((values) =>
    save.mutate({ jobId: dto.jobId, version: dto.version, profile: profileOf(values) }),
  );
  const input = (path: keyof ProfileFormValues) => form.getInputProps(path);

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Title" data-autofocus {...input("title")} />
          <TextInput label="Company" {...input("company")} />
          <Select label="Seniority" data={SENIORITY_OPTIONS} clearable placeholder="Not set" {...input("seniority")} />
          <TextInput label="Deadline" description="yyyy-mm-dd" placeholder="2027-03-31" {...input("deadline")} />
          <TextInput label="Location" {...input("location")} />
          <Select
            label="Remote policy"
            data={REMOTE_OPTIONS}
            clearable
            placeholder="Not set"
            {...input("remotePolicy")}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <SkillsField form={form} field="mustHave" label="Must-have skills" one="Must-have skill" />
          <SkillsField form={form} field="niceToHave" label="Nice-to-have skills" one="Nice-to-have skill" />
        </SimpleGrid>
        <Textarea
          label="Responsibilities"
          description="One per line"
          autosize
          minRows={3}
          maxRows={10}
          {...input("responsibilities")}
        />
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <NumberInput label="Salary from" min={0} thousandSeparator="," {...input("salaryMin")} />
          <NumberInput label="Salary to" min={0} thousandSeparator="," {...input("salaryMax")} />
          <TextInput label="Currency" placeholder="EUR" maxLength={3} {...input("currency")} />
          <Select label="Per" data={PERIOD_OPTIONS} allowDeselect={false} {...input("period")} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Team" {...input("team")} />
          <TextInput label="Hiring manager" {...input("hiringManager")} />
        </SimpleGrid>
        <TagsInput
          label="Interview stages"
          description="In order; Enter after each"
          splitChars={[]}
          clearable
          {...input("interviewStages")}
        />

        {save.isError && <SaveError error={save.error} />}

        <FormActions onCancel={onDone} loading={save.isPending}>
          Save profile
        </FormActions>
      </Stack>
    </form>
  );
}

function SaveError({ error }: { error: unknown }) {
  if (errorReason(error) === "stale_version") {
    return (
      <Alert color="orange" variant="light" title="The profile changed since you opened it" role="alert">
        Your changes were not saved: the chat or a colleague changed the profile first. It was reloaded: close this
        dialog to see the latest, then edit again.
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title="Not saved" role="alert">
      {fieldErrors(error).length ? "Fix the fields marked in red and save again." : errorMessage(error)}
    </Alert>
  );
}
