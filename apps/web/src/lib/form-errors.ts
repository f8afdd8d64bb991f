import type { FormErrors, UseFormReturnType } from "@mantine/form";
import { zod4Resolver } from "mantine-form-zod-resolver";
import { useCallback, useEffect, useState, type RefObject } from "react";
import { fieldErrors, type FieldError } from "./errors";

// Any form: only its field names and setFieldError are used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyForm = UseFormReturnType<any, any, any>;

const topLevel = (path: string) => path.split(".")[0] ?? path;

/**
 * The server's field errors (error.data.fieldErrors) on the matching inputs.
 * "assessmentDomains.2" lands on the assessmentDomains input. Returns the ones no input shows.
 */
export function applyFieldErrors(form: AnyForm, error: unknown): FieldError[] {
  const fields = new Set(Object.keys(form.getValues() as object));
  const unmatched: FieldError[] = [];
  for (const fieldError of fieldErrors(error)) {
    const field = topLevel(fieldError.path);
    if (fields.has(field)) form.setFieldError(field, fieldError.message);
    else unmatched.push(fieldError);
  }
  return unmatched;
}

/** zod4Resolver, with errors on list items ("tags.0") moved onto the list input ("tags"). */
export function fieldResolver(schema: Parameters<typeof zod4Resolver>[0]) {
  const resolve = zod4Resolver(schema, { errorPriority: "first" });
  return (values: Record<string, unknown>): FormErrors => {
    const errors: FormErrors = {};
    for (const [path, message] of Object.entries(resolve(values))) {
      const field = topLevel(path);
      errors[field] ??= message;
    }
    return errors;
  };
}

/**
 * After a refused submit (the form's own check or the server's field errors), brings the first input marked invalid
 * into view and focuses it, so its message is on screen (a long form in a dialog would otherwise stay scrolled to its
 * button). Call the returned function where the errors are set: it acts once they are rendered. With no input marked,
 * the first alert of the form is scrolled into view instead.
 */
export function useFocusFirstError(formRef: RefObject<HTMLFormElement | null>): () => void {
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (!requests || !formRef.current) return;
    const field = formRef.current.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = field ?? formRef.current.querySelector<HTMLElement>('[role="alert"]');
    field?.focus({ preventScroll: true });
    target?.scrollIntoView?.({ block: "center" });
  }, [requests, formRef]);
  return useCallback(() => setRequests((n) => n + 1), []);
}
