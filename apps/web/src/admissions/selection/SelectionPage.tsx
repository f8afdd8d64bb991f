/** Placeholder: being built. */
export default function SelectionPage() {
  return <p>Coming soon</p>;
}
