/** Where a service is shown: its row on the Services page, by this anchor (pages that name a service link to it). */
export const serviceAnchor = (id: string) => `service-${id}`;
export const serviceHref = (id: string) => `/services#${serviceAnchor(id)}`;
