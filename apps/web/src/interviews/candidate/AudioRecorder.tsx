import { Button, Group, Text } from "@mantine/core";
import { IconMicrophone, IconPlayerStop, IconTrash } from "@tabler/icons-react";
import { AUDIO_UPLOAD } from "@shortlist/api/schemas";
import { useEffect, useRef, useState } from "react";
import { formatClock } from "./view";

/** The browser can record: MediaRecorder and a microphone API (neither exists on some older phones). */
export const canRecord = () =>
  typeof window !== "undefined" && "MediaRecorder" in window && !!navigator.mediaDevices?.getUserMedia;

/** The recording's media type as the server lists them (the browser's may carry codecs: "audio/webm;codecs=opus"). */
const baseType = (type: string) => type.split(";")[0]!.trim();
const TYPES = AUDIO_UPLOAD.types as readonly string[];

type State =
  | { kind: "idle" }
  | { kind: "recording"; seconds: number }
  | { kind: "recorded"; url: string; seconds: number }
  | { kind: "failed"; message: string };

interface Props {
  /** The finished recording, or null when there is none (discarded, or recording again). */
  onChange: (recording: File | null) => void;
  disabled?: boolean;
}

/** "Record audio" beside the answer: record, listen back, discard. Stops by itself before the upload limit. */
export function AudioRecorder({ onChange, disabled }: Props) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const recorder = useRef<MediaRecorder | null>(null);

  // Leaving the question (or the page) stops the microphone and frees the preview.
  useEffect(
    () => () => {
      if (recorder.current?.state === "recording") recorder.current.stop();
    },
    [],
  );
  const url = state.kind === "recorded" ? state.url : null;
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  const start = async () => {
    onChange(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setState({
        kind: "failed",
        message: "Your browser did not let us use the microphone. You can still answer in writing.",
      });
      return;
    }
    const preferred = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    let media: MediaRecorder;
    try {
      media = new MediaRecorder(stream, preferred ? { mimeType: preferred } : undefined);
    } catch {
      stream.getTracks().forEach((track) => track.stop());
      setState({ kind: "failed", message: "This browser cannot record audio here. You can still answer in writing." });
      return;
    }
    const chunks: Blob[] = [];
    let size = 0;
    const began = Date.now();
    const seconds = () => Math.round((Date.now() - began) / 1000);
    const ticker = setInterval(() => setState({ kind: "recording", seconds: seconds() }), 1000);
    media.ondataavailable = (event) => {
      chunks.push(event.data);
      size += event.data.size;
      // Keep well inside the upload limit: stop at 90 % of it.
      if (size > AUDIO_UPLOAD.maxBytes * 0.9 && media.state === "recording") media.stop();
    };
    media.onstop = () => {
      clearInterval(ticker);
      stream.getTracks().forEach((track) => track.stop());
      const type = baseType(media.mimeType || chunks[0]?.type || "audio/webm");
      if (!TYPES.includes(type)) {
        setState({ kind: "failed", message: "This browser records audio in a format we cannot store." });
        return;
      }
      const file = new File(chunks, `answer.${type.split("/")[1]}`, { type });
      setState({ kind: "recorded", url: URL.createObjectURL(file), seconds: seconds() });
      onChange(file);
    };
    recorder.current = media;
    media.start(1000);
    setState({ kind: "recording", seconds: 0 });
  };

  const discard = () => {
    setState({ kind: "idle" });
    onChange(null);
  };

  return (
    <Group gap="xs" wrap="wrap" data-testid="audio-recorder">
      {state.kind === "recording" ? (
        <>
          <Button
            size="xs"
            color="red"
            leftSection={<IconPlayerStop size={14} aria-hidden />}
            onClick={() => recorder.current?.stop()}
          >
            Stop recording
          </Button>
          <Text size="xs" c="red.8" role="status">
            Recording {formatClock(state.seconds)}
          </Text>
        </>
      ) : (
        <Button
          size="xs"
          variant="default"
          leftSection={<IconMicrophone size={14} aria-hidden />}
          onClick={() => void start()}
          disabled={disabled}
        >
          {state.kind === "recorded" ? "Record again" : "Record audio"}
        </Button>
      )}
      {state.kind === "recorded" && (
        <>
          <audio controls src={state.url} aria-label="Your recording" style={{ height: 32, maxWidth: "100%" }} />
          <Text size="xs" c="dimmed">
            {formatClock(state.seconds)}, sent with your answer
          </Text>
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconTrash size={14} aria-hidden />}
            onClick={discard}
          >
            Discard recording
          </Button>
        </>
      )}
      {state.kind === "failed" && (
        <Text size="xs" c="orange.9" role="status">
          {state.message}
        </Text>
      )}
    </Group>
  );
}
