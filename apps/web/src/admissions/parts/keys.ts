import { useEffect, useRef } from "react";

/** Whether a key press belongs to what has the focus (typing in a field, a menu…) rather than to the page. */
export function isTyping(event: KeyboardEvent): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return true;
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || !!target.closest("[role=dialog],[role=listbox]");
}

/**
 * Page keys: `handlers` by KeyboardEvent.key ("ArrowDown", "j"), on the document while the page is mounted; ignored
 * while typing. A handler returning false lets the browser act (an Enter on a focused link opens it).
 */
export function usePageKeys(handlers: Record<string, (event: KeyboardEvent) => boolean | void>) {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      const handler = current.current[event.key];
      if (handler && handler(event) !== false) event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
