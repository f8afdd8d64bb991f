import { Empty } from "../../ui/Empty";

/** Placeholder until this screen is built. */
export default function MatchingPage() {
  return <Empty title="Not built yet" description="This screen is being built." />;
}
