/** One labelled input with its help and, when it is wrong, its message right under it. */
export function Field({
  id,
  label,
  help,
  error,
  value,
  onInput,
  placeholder,
}: {
  id: string;
  label: string;
  help?: string;
  error?: string | null;
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
}) {
  const described = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
      />
      {help && (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
