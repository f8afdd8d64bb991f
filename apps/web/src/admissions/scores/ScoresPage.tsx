/** Placeholder: being built. */
export default function ScoresPage() {
  return <p>Coming soon</p>;
}
