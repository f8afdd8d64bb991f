import { Anchor, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { SecretInput } from "../../ui/SecretInput";
import { PROVIDER_OPTIONS } from "../labels";
import type { PersonaFormValues } from "./persona-form";

interface Props {
  form: UseFormReturnType<PersonaFormValues>;
  /** Whether the saved persona has an API key stored. */
  hasApiKey: boolean;
  disabled: boolean;
}

/** The model a persona uses: the built-in offline provider, or a model behind an OpenAI-compatible API. */
export function ProviderFields({ form, hasApiKey, disabled }: Props) {
  const { provider, clearApiKey, apiKey } = form.getValues();
  const external = provider === "openai-compatible";
  const keyStatus = clearApiKey
    ? "The stored key is removed when you save."
    : hasApiKey
      ? "A key is stored (never shown). Type a new one to replace it."
      : "No key stored; leave empty for servers that need none (Ollama, llama.cpp).";

  return (
    <Stack gap="sm">
      <Select
        label="Provider"
        data={PROVIDER_OPTIONS}
        allowDeselect={false}
        disabled={disabled}
        {...form.getInputProps("provider")}
      />
      {external && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Model"
              placeholder="From SHORTLIST_LLM_MODEL when empty"
              disabled={disabled}
              {...form.getInputProps("model")}
            />
            <TextInput
              label="Base URL"
              placeholder="http://localhost:11434/v1"
              disabled={disabled}
              {...form.getInputProps("baseUrl")}
            />
          </SimpleGrid>
          <SecretInput
            label="API key"
            autoComplete="off"
            placeholder={hasApiKey && !clearApiKey ? "stored" : ""}
            description={keyStatus}
            disabled={disabled || clearApiKey}
            {...form.getInputProps("apiKey")}
          />
          {hasApiKey && !disabled && (
            <Group gap="xs">
              <Anchor
                component="button"
                type="button"
                size="xs"
                onClick={() => {
                  form.setFieldValue("clearApiKey", !clearApiKey);
                  form.setFieldValue("apiKey", "");
                }}
              >
                {clearApiKey ? "Keep the stored key" : "Remove the stored key"}
              </Anchor>
              {apiKey && (
                <Text size="xs" c="dimmed">
                  The key typed replaces the stored one.
                </Text>
              )}
            </Group>
          )}
        </>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          label="Temperature"
          min={0}
          max={2}
          step={0.1}
          decimalScale={2}
          placeholder="Default"
          disabled={disabled}
          {...form.getInputProps("temperature")}
        />
        <NumberInput
          label="Max output tokens"
          min={1}
          max={32000}
          allowDecimal={false}
          placeholder="Default"
          disabled={disabled}
          {...form.getInputProps("maxOutputTokens")}
        />
        <NumberInput
          label="Timeout (ms)"
          min={1000}
          max={600000}
          step={1000}
          allowDecimal={false}
          placeholder="Default"
          disabled={disabled}
          {...form.getInputProps("timeoutMs")}
        />
      </SimpleGrid>
    </Stack>
  );
}
