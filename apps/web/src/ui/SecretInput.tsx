import { PasswordInput, type PasswordInputProps } from "@mantine/core";

/**
 * A password field whose show/hide toggle is not itself labelled "password",
 * so `getByLabel("Password")` finds exactly the input.
 */
export function SecretInput(props: PasswordInputProps) {
  return <PasswordInput visibilityToggleButtonProps={{ "aria-label": "Show or hide what is typed" }} {...props} />;
}

/** A required field for a password being chosen; `hint` follows the length rule in its description. */
export function NewPasswordInput({ hint, ...props }: PasswordInputProps & { hint?: string }) {
  return (
    <SecretInput
      description={hint ? `At least 12 characters; ${hint}` : "At least 12 characters"}
      autoComplete="new-password"
      required
      {...props}
    />
  );
}
