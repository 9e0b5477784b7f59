import { Link } from "@/components/ui/link";
import { serviceHref } from "@/lib/services/links";

/**
 * Shown instead of the Delete form while services use the connector (the server refuses the deletion then): why,
 * and a link to each service to change or delete first.
 */
export function DeleteBlocked({ services }: { services: { id: string; name: string; active: boolean }[] }) {
  const n = services.length;
  return (
    <div className="space-y-2 text-sm text-slate-700" data-testid="delete-blocked">
      <p>
        This connector cannot be deleted while {n === 1 ? "a service uses" : `${n} services use`} it, even inactive
        ones. Point {n === 1 ? "that service" : "these services"} at another connector or delete{" "}
        {n === 1 ? "it" : "them"} first:
      </p>
      <ul className="list-disc space-y-1 pl-5">
        {services.map((s) => (
          <li key={s.id}>
            <Link href={serviceHref(s.id)} className="font-medium text-brand-700 underline hover:text-brand-900">
              {s.name}
            </Link>
            {s.active ? null : <span className="text-slate-600"> (inactive)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
