/** Placeholder: being built. */
export default function ReviewQueuePage() {
  return <p>Coming soon</p>;
}
