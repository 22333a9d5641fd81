// What the footer says about reuse and problems: the licence's attribution line, and a ready-made
// e-mail to the people who can fix a dataset.
import type { Contact, Licence } from '../catalogue/model.ts';

export interface Attribution {
  /** Text before the licence's name. */
  lead: string;
  licence: Licence;
}

/**
 * The line a reuser copies to credit the data. The Open Government Licence asks for its own words
 * ("Contains public sector information licensed under the Open Government Licence v3.0."); other
 * licences get "Contains data from <publisher>, licensed under <licence>". Null without a licence.
 */
export function attribution(licence: Licence | null, publisher: string): Attribution | null {
  if (!licence) return null;
  const isOgl = /open-government-licence/.test(licence.url ?? '') || /^ogl\b/i.test(licence.id);
  return { lead: isOgl ? 'Contains public sector information licensed under the' : `Contains data from ${publisher}, licensed under the`, licence };
}

/**
 * A `mailto:` address for "Report a problem with this dataset": to the dataset's contact (else the
 * catalogue's), the subject naming the dataset, the body its address (what the people who fix it
 * need to find it). Kept short: it is in the footer of every dataset page. Null when nobody has an e-mail.
 */
export function problemReportHref(contacts: readonly (Contact | null)[], datasetTitle: string, pageUrl: string): string | null {
  const email = contacts.find((contact) => contact?.email)?.email;
  if (!email) return null;
  return `mailto:${email}?subject=${encodeURIComponent(`Problem: ${datasetTitle}`)}&body=${encodeURIComponent(pageUrl)}`;
}
