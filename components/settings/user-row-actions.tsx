"use client";

import { useActionState } from "react";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Role } from "@/lib/auth/roles";
import { changeRoleAction, removeUserAction, resendInvitationAction } from "@/lib/actions/users";
import { initialFormState } from "@/lib/form-state";
import { ROLE_OPTIONS } from "./role-options";

export function UserRowActions({
  userId,
  name,
  role,
  invited = false,
}: {
  userId: string;
  name: string;
  role: Role;
  /** Not joined yet: offers to send the invitation again. */
  invited?: boolean;
}) {
  const [roleState, changeRole] = useActionState(changeRoleAction, initialFormState);
  const [removeState, remove] = useActionState(removeUserAction, initialFormState);
  const [resendState, resend] = useActionState(resendInvitationAction, initialFormState);
  const failure = [roleState, removeState, resendState].find((s) => !s.ok && s.message);
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
      <ConfirmInline
        trigger="Remove…"
        label={`Remove ${name}`}
        title={`Remove ${name} from the organisation?`}
        confirm="Remove user"
        pendingText="Removing…"
        action={remove}
      >
        <input type="hidden" name="userId" value={userId} />
        <p>They will no longer be able to sign in.</p>
      </ConfirmInline>
      {invited ? (
        <form action={resend}>
          <input type="hidden" name="userId" value={userId} />
          <SubmitButton variant="secondary" pendingText="Sending…">
            Resend invitation
          </SubmitButton>
        </form>
      ) : null}
      <p role="alert" className="basis-full text-sm text-red-700">
        {failure?.message}
      </p>
      {resendState.ok && resendState.message ? (
        <p role="status" className="basis-full text-sm text-emerald-700">
          {resendState.message}
        </p>
      ) : null}
    </div>
  );
}
