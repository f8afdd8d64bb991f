/** Placeholder: being built. */
export default function ApplyPage() {
  return <p>Coming soon</p>;
}
