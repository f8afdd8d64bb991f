import { Alert, Button, FileButton, Skeleton, Stack, Text } from "@mantine/core";
import { CV_UPLOAD } from "@shortlist/api/schemas";
import { IconUpload } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type DragEvent } from "react";
import { errorMessage } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";
import { ErrorState } from "../../ui/ErrorState";
import { Section } from "../../ui/Section";
import { CvAnalysis } from "./CvAnalysis";
import { candidateCvQuery } from "./queries";
import { CV_ACCEPT, uploadCv } from "./upload";

const MB = 1024 * 1024;

/** The candidate page's CV panel (writers): upload, the analysis with its evidence, re-analysis. */
export default function CvPanel({ candidateId, canWrite }: { candidateId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(candidateCvQuery(trpc, candidateId));
  const [dragging, setDragging] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: candidateCvQuery(trpc, candidateId).queryKey });
  const upload = useMutation({ mutationFn: (file: File) => uploadCv(candidateId, file), onSuccess: refresh });
  const analyse = useMutation(
    trpc.cvs.analyse.mutationOptions({
      onSuccess: (cv) => queryClient.setQueryData(candidateCvQuery(trpc, candidateId).queryKey, cv),
    }),
  );

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && canWrite) upload.mutate(file);
  };
  const chooser = canWrite && (
    <FileButton onChange={(file) => file && upload.mutate(file)} accept={CV_ACCEPT}>
      {(props) => (
        <Button {...props} size="xs" leftSection={<IconUpload size={14} aria-hidden />} loading={upload.isPending}>
          {query.data?.document ? "Upload a new CV" : "Upload CV"}
        </Button>
      )}
    </FileButton>
  );

  return (
    <Section title="CV" actions={chooser} data-testid="cv-panel">
      <Stack
        gap="md"
        onDragOver={(event) => {
          if (!canWrite) return;
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        style={dragging ? { outline: "2px dashed var(--mantine-color-blue-5)", outlineOffset: 4 } : undefined}
      >
        {upload.error && (
          <Alert
            color="red"
            variant="light"
            title="CV not stored"
            role="alert"
            withCloseButton
            onClose={() => upload.reset()}
          >
            {upload.error.message}
          </Alert>
        )}
        {analyse.error && (
          <Alert
            color="red"
            variant="light"
            title="Not analysed"
            role="alert"
            withCloseButton
            onClose={() => analyse.reset()}
          >
            {errorMessage(analyse.error)}
          </Alert>
        )}
        {query.isPending ? (
          <Skeleton h={160} aria-label="Loading the CV" />
        ) : query.isError ? (
          <ErrorState error={query.error} title="Could not load the CV" onRetry={() => void query.refetch()} />
        ) : query.data.document ? (
          <CvAnalysis
            cv={{ ...query.data, document: query.data.document }}
            canWrite={canWrite}
            analysing={analyse.isPending ? (analyse.variables.analyser ?? "builtin") : null}
            onAnalyse={(analyser) => analyse.mutate({ documentId: query.data.document!.id, analyser })}
          />
        ) : (
          <Text size="sm" c="dimmed">
            No CV yet.{" "}
            {canWrite &&
              `Drop a PDF, Word (DOCX) or text file here, or upload one (up to ${CV_UPLOAD.maxBytes / MB} MB): its skills, years, seniority, languages and education are read from it.`}
          </Text>
        )}
      </Stack>
    </Section>
  );
}
