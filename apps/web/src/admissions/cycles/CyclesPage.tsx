/** Placeholder: being built. */
export default function CyclesPage() {
  return <p>Coming soon</p>;
}
