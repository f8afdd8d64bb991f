/** Placeholder: being built. */
export default function OutcomePage() {
  return <p>Coming soon</p>;
}
