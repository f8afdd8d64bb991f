import { Empty } from "./Empty";
import { IconLock } from "@tabler/icons-react";

export function Forbidden({ what }: { what: string }) {
  return (
    <Empty
      title="Not available to your role"
      description={`Ask an admin if you need to see ${what}.`}
      icon={<IconLock aria-hidden />}
    />
  );
}
