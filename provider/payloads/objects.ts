import { z } from "zod";
import { microsoftDatePattern } from "./microsoftDate";

// The objects inside Comm100 webhook bodies. Every object is open: fields Comm100 adds later
// are kept, never rejected. Field lists follow Comm100's "Reference for Webhook event" pages.

/** A time as Comm100 sends it: the string `/Date(<milliseconds>)/`. */
const microsoftDate = z
  .string()
  .regex(microsoftDatePattern, "expected a Microsoft JSON date such as /Date(1584415749307)/");

/** A department: a GUID, or a number on accounts older than Comm100's GUID ids. */
const department = z.union([z.string(), z.number()], {
  error: "expected a string (GUID) or a number",
});

/** One `{name, value}` pair of `custom_variables` (visitor) or `custom_variable` (chat, message). */
const customVariable = z.looseObject({ name: z.string(), value: z.string() });

/** The visitor of a chat or an offline message. */
export const visitor = z.looseObject({
  id: z.string(),
  chat_id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  company: z.string(),
  status: z.number(),
  chats: z.number(),
  visits: z.number(),
  page_views: z.number(),
  browser: z.string(),
  operating_system: z.string(),
  screen_resolution: z.string(),
  language: z.string(),
  ip: z.string(),
  city: z.string(),
  state: z.string(),
  country: z.string(),
  time_zone: z.string(),
  current_browsing: z.string(),
  landing_page: z.string(),
  referrer_url: z.string(),
  search_engine: z.string().nullable(),
  keywords: z.string(),
  flash_version: z.string(),
  product_service: z.string(),
  department,
  /** Absent on accounts older than skill-based routing. */
  skill: z.string().optional(),
  custom_fields: z.array(z.unknown()),
  custom_variables: z.array(customVariable),
  first_visit_time: microsoftDate,
  visit_time: microsoftDate,
});

/** The chat of a `chat_ended` body. */
export const chat = z.looseObject({
  /** The whole conversation; lines are separated by the character `⊙`. */
  chat_transcript: z.string(),
  attachment: z.array(z.unknown()),
  company: z.string(),
  /** The department's name. */
  department: z.string(),
  custom_fields: z.array(z.unknown()),
  custom_variable: z.array(customVariable),
});

/** The message of an `offline_message_submitted` body. */
export const offlineMessage = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  company: z.string(),
  subject: z.string(),
  content: z.string(),
  attachment: z.looseObject({ name: z.string(), uri: z.string() }),
  department,
  skill: z.string().optional(),
  custom_fields: z.array(z.unknown()),
  custom_variable: z.array(customVariable),
  time: microsoftDate,
});

/** The agent's wrap-up of a `chat_wrapped_up` body. */
export const wrapup = z.looseObject({
  category: z.string(),
  comment: z.string(),
  fields: z.array(z.unknown()),
  time: microsoftDate,
});

/** An agent: a GUID since Comm100's X2 platform upgrade, an integer before it. */
export const operatorId = z.union([z.string(), z.number().int()], {
  error: "expected a string (GUID) or an integer",
});

/** The visitor of a chat or an offline message. */
export type Visitor = z.infer<typeof visitor>;
/** The chat of a `chat_ended` body. */
export type Chat = z.infer<typeof chat>;
/** The message of an `offline_message_submitted` body. */
export type OfflineMessage = z.infer<typeof offlineMessage>;
/** The agent's wrap-up of a `chat_wrapped_up` body. */
export type Wrapup = z.infer<typeof wrapup>;
/** One `{name, value}` custom variable. */
export type CustomVariable = z.infer<typeof customVariable>;
