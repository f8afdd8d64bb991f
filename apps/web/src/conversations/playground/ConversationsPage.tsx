import { PageLoader } from "../../ui/PageLoader";

export default function Page() {
  return <PageLoader />;
}
