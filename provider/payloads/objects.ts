// The objects inside Comm100 webhook bodies, as plain types: what users' code sees. Every object
// is open: fields Comm100 adds later are kept, never rejected. Field lists follow Comm100's
// "Reference for Webhook event" pages. `schemas.ts` checks them at run time, and the compiler
// proves that it checks exactly these fields.

/** One `{name, value}` custom variable. */
export interface CustomVariable {
  name: string;
  value: string;
  [field: string]: unknown;
}

/** The visitor of a chat or an offline message. */
export interface Visitor {
  id: string;
  chat_id: string;
  name: string;
  email: string;
  phone: string;
  company: string;
  status: number;
  chats: number;
  visits: number;
  page_views: number;
  browser: string;
  operating_system: string;
  screen_resolution: string;
  language: string;
  ip: string;
  city: string;
  state: string;
  country: string;
  time_zone: string;
  current_browsing: string;
  landing_page: string;
  referrer_url: string;
  search_engine: string | null;
  keywords: string;
  flash_version: string;
  product_service: string;
  /** A GUID, or a number on accounts older than Comm100's GUID ids. */
  department: string | number;
  /** Absent on accounts older than skill-based routing. */
  skill?: string;
  custom_fields: unknown[];
  custom_variables: CustomVariable[];
  /** A Microsoft JSON date, `/Date(<milliseconds>)/`: see `parseMicrosoftDate`. */
  first_visit_time: string;
  /** A Microsoft JSON date, `/Date(<milliseconds>)/`: see `parseMicrosoftDate`. */
  visit_time: string;
  [field: string]: unknown;
}

/** The chat of a `chat_ended` body. */
export interface Chat {
  /** The whole conversation; lines are separated by the character `⊙`. */
  chat_transcript: string;
  attachment: unknown[];
  company: string;
  /** The department's name. */
  department: string;
  custom_fields: unknown[];
  custom_variable: CustomVariable[];
  [field: string]: unknown;
}

/** The message of an `offline_message_submitted` body. */
export interface OfflineMessage {
  id: string;
  name: string;
  email: string;
  phone: string;
  company: string;
  subject: string;
  content: string;
  attachment: { name: string; uri: string; [field: string]: unknown };
  /** A GUID, or a number on accounts older than Comm100's GUID ids. */
  department: string | number;
  /** Absent on accounts older than skill-based routing. */
  skill?: string;
  custom_fields: unknown[];
  custom_variable: CustomVariable[];
  /** A Microsoft JSON date, `/Date(<milliseconds>)/`: see `parseMicrosoftDate`. */
  time: string;
  [field: string]: unknown;
}

/** The agent's wrap-up of a `chat_wrapped_up` body. */
export interface Wrapup {
  category: string;
  comment: string;
  fields: unknown[];
  /** A Microsoft JSON date, `/Date(<milliseconds>)/`: see `parseMicrosoftDate`. */
  time: string;
  [field: string]: unknown;
}

/** An agent: a GUID since Comm100's X2 platform upgrade, an integer before it. */
export type OperatorId = string | number;
