/** Placeholder: being built. */
export default function ReviewPage() {
  return <p>Coming soon</p>;
}
