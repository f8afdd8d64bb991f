/** Placeholder: being built. */
export default function CycleBoardPage() {
  return <p>Coming soon</p>;
}
