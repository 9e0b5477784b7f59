/** A radio drawn as a card: label and an optional description, with the checked and keyboard-focus states visible. */
export function RadioCard({
  name,
  value,
  checked,
  onChange,
  label,
  description,
  describedBy,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  label: React.ReactNode;
  description?: React.ReactNode;
  describedBy?: string;
}) {
  return (
    <label className="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 bg-white p-3 hover:border-slate-300 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700">
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={onChange}
        aria-describedby={describedBy}
        className="mt-0.5 accent-brand-700"
      />
      <span>
        <span className="block text-sm font-medium">{label}</span>
        {description ? <span className="block text-xs text-slate-600">{description}</span> : null}
      </span>
    </label>
  );
}
