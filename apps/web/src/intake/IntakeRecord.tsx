import { idInput } from "@shortlist/api/schemas";
import { IconClipboardOff } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { useHasRole } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { Forbidden } from "../ui/Forbidden";
import { RecordPage } from "../ui/RecordPage";
import { BACK_TO_INTAKES } from "./back";
import type { Intake } from "./types";

/** The intake named in the URL (`/intake/:id…`) for writers, with its not-found, failed and loading states. */
export function IntakeRecord({
  what,
  skeleton,
  children,
}: {
  /** For the Forbidden message: "vacancy intakes", "vacancy reports". */
  what: string;
  skeleton: number[];
  children: (view: Intake) => ReactNode;
}) {
  if (!useHasRole("writers")) return <Forbidden what={what} />;
  return <IntakeLoader skeleton={skeleton}>{children}</IntakeLoader>;
}

function IntakeLoader({ skeleton, children }: { skeleton: number[]; children: (view: Intake) => ReactNode }) {
  const { id = "" } = useParams();
  const validId = idInput.safeParse({ id }).success;
  const trpc = useTRPC();
  const query = useQuery(trpc.intake.get.queryOptions({ id }, { enabled: validId }));
  return (
    <RecordPage
      validId={validId}
      query={query}
      back={BACK_TO_INTAKES}
      notFound={{
        title: "Intake not found",
        description: "The link may be wrong.",
        icon: <IconClipboardOff aria-hidden />,
      }}
      errorTitle="Could not load this intake"
      skeleton={skeleton}
    >
      {children}
    </RecordPage>
  );
}
