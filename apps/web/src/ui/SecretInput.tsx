import { PasswordInput, type PasswordInputProps } from "@mantine/core";

/**
 * A password field whose show/hide toggle is not itself labelled "password",
 * so `getByLabel("Password")` finds exactly the input.
 */
export function SecretInput(props: PasswordInputProps) {
  return <PasswordInput visibilityToggleButtonProps={{ "aria-label": "Show or hide what is typed" }} {...props} />;
}
