"use client";

import { useActionState } from "react";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Role } from "@/lib/auth/roles";
import { changeRoleAction, removeUserAction } from "@/lib/actions/users";
import { initialFormState } from "@/lib/form-state";
import { ROLE_OPTIONS } from "./role-options";

export function UserRowActions({ userId, name, role }: { userId: string; name: string; role: Role }) {
  const [roleState, changeRole] = useActionState(changeRoleAction, initialFormState);
  const [removeState, remove] = useActionState(removeUserAction, initialFormState);
  const failure = [roleState, removeState].find((s) => !s.ok && s.message);
  return (
    <div className="flex flex-wrap items-start gap-2">
      <form action={changeRole} className="flex items-end gap-2">
        <input type="hidden" name="userId" value={userId} />
        <SelectField
          name="role"
          id={`role-${userId}`}
          label={`Role of ${name}`}
          hideLabel
          options={ROLE_OPTIONS}
          defaultValue={(!roleState.ok && roleState.values?.role) || role}
          key={`${role}|${roleState.ok ? "" : (roleState.values?.role ?? "")}`}
        />
        <SubmitButton variant="secondary" pendingText="…">
          Change role
        </SubmitButton>
      </form>
      <form
        action={remove}
        onSubmit={(event) => {
          if (!window.confirm(`Remove ${name} from the organisation? They will no longer be able to sign in.`))
            event.preventDefault();
        }}
      >
        <input type="hidden" name="userId" value={userId} />
        <SubmitButton variant="danger" pendingText="Removing…">
          Remove
        </SubmitButton>
      </form>
      <p role="alert" className="basis-full text-sm text-red-600">
        {failure?.message}
      </p>
    </div>
  );
}
