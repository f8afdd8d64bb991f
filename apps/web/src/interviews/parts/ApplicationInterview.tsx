import { Anchor, Badge, Button, Group, Menu, Skeleton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { InterviewListItemDTO } from "@shortlist/api";
import { IconPlayerPlay, IconPlus } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { errorMessage } from "../../lib/errors";
import { fixed, formatDate } from "../../lib/format";
import { useTRPC } from "../../lib/trpc";
import { ENDED_STATUSES, INTERVIEW_STATUS_COLOR, INTERVIEW_STATUS_LABEL } from "./labels";
import { candidateInterviewsQuery } from "./queries";

/** The board's menu reads the newest few: an application has at most one interview that has not ended. */
const MENU_SHOWN = 5;

const underWay = (interviews: readonly InterviewListItemDTO[]) =>
  interviews.some((i) => !ENDED_STATUSES.includes(i.status));

/** interviews.create for an application, then its page (the answer seeds the page's query: no second read). */
function useCreateInterview() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.interviews.create.mutationOptions({
      async onSuccess(interview) {
        queryClient.setQueryData(trpc.interviews.results.queryKey({ id: interview.id }), {
          interview,
          answers: [],
          scorecard: null,
        });
        void queryClient.invalidateQueries(trpc.interviews.list.pathFilter());
        await navigate(`/interviews/${interview.id}`);
      },
      onError: (error) =>
        notifications.show({ color: "red", title: "Interview not prepared", message: errorMessage(error) }),
    }),
  );
}

/**
 * The candidate page's cell for one application: its latest interview (status and overall score, a link to it) and
 * "Prepare interview" when none is under way.
 */
export function ApplicationInterview({
  candidateId,
  applicationId,
  jobTitle,
}: {
  candidateId: string;
  applicationId: string;
  jobTitle: string;
}) {
  const trpc = useTRPC();
  const list = useQuery(candidateInterviewsQuery(trpc, candidateId));
  const create = useCreateInterview();
  if (list.isPending) return <Skeleton h={22} w={140} />;
  if (list.isError)
    return (
      <Badge color="red" variant="light" title={errorMessage(list.error)}>
        Not loaded
      </Badge>
    );
  const mine = list.data.items.filter((i) => i.applicationId === applicationId);
  const latest = mine[0];
  return (
    <Group gap={6} wrap="nowrap">
      {latest && (
        <Anchor
          component={Link}
          to={`/interviews/${latest.id}`}
          size="sm"
          aria-label={`Open interview: ${jobTitle} (${INTERVIEW_STATUS_LABEL[latest.status].toLowerCase()})`}
        >
          <Badge variant="light" color={INTERVIEW_STATUS_COLOR[latest.status]} style={{ cursor: "pointer" }}>
            {INTERVIEW_STATUS_LABEL[latest.status]}
            {latest.overall !== null && ` · ${fixed(latest.overall, 0)}`}
          </Badge>
        </Anchor>
      )}
      {!underWay(mine) && (
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          aria-label={`Prepare interview: ${jobTitle}`}
          loading={create.isPending}
          onClick={() => create.mutate({ applicationId })}
        >
          Prepare interview
        </Button>
      )}
    </Group>
  );
}

/**
 * An application's interviews as menu items (the board card's menu; mounted when it opens, so read then): "Open
 * interview" for each recent one, and "Prepare interview" when none is under way.
 */
export function InterviewMenuItems({ applicationId }: { applicationId: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.interviews.list.queryOptions({ applicationId, limit: MENU_SHOWN }));
  const create = useCreateInterview();
  const interviews = list.data?.items ?? [];
  return (
    <>
      <Menu.Label>Interview</Menu.Label>
      {list.isPending && <Menu.Label>Loading the interviews…</Menu.Label>}
      {list.isError && <Menu.Label c="red">{errorMessage(list.error)}</Menu.Label>}
      {interviews.map((i) => (
        <Menu.Item
          key={i.id}
          component={Link}
          to={`/interviews/${i.id}`}
          leftSection={<IconPlayerPlay size={14} aria-hidden />}
        >
          Open interview ({INTERVIEW_STATUS_LABEL[i.status].toLowerCase()}, {formatDate(i.updatedAt)})
        </Menu.Item>
      ))}
      {list.isSuccess && !underWay(interviews) && (
        <Menu.Item
          leftSection={<IconPlus size={14} aria-hidden />}
          // Stays open while the interview is prepared: the page changes when it is ready.
          closeMenuOnClick={false}
          disabled={create.isPending}
          onClick={() => create.mutate({ applicationId })}
        >
          {create.isPending ? "Preparing the interview…" : "Prepare interview"}
        </Menu.Item>
      )}
    </>
  );
}
