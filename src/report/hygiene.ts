// Output hygiene, in one place: text the action does not control (AWS error messages, alarm reasons, smoke and
// hook answers, descriptions, Slack and GitHub replies) is kept raw in the data and escaped here, at the sink,
// for the sink: the log, annotations, the job summary (Markdown), Slack (mrkdwn) and step outputs.

/** Zero-width space: splits `::` and `##[` so the runner sees no workflow command, while the log still reads the same. */
const ZWSP = '\u200B'

/**
 * C0 controls but tab and newline, DEL and C1 (ANSI escapes could rewrite or hide what the log shows), line and
 * paragraph separators, and the invisible ones: zero-width characters and bidirectional overrides (U+202E can
 * make a line read backwards and hide what it says).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it removes
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g

/** One external field never holds more than this in a log line or the summary: a 1 MB alarm reason once erased it. */
export const FIELD_LIMIT = 2000

/** Cuts raw text to FIELD_LIMIT, saying how much was left out (before escaping: an escape is never cut in half). */
function bounded(text: string): string {
  return text.length > FIELD_LIMIT ? `${text.slice(0, FIELD_LIMIT)}… (${text.length - FIELD_LIMIT} more characters)` : text
}

const NEWLINE = /\r\n|\r|\n/g

/**
 * No workflow command can start from it: the runner reads `::name::…` or `::name key=value::…` at the start
 * of a line (after spaces), `::token::` to resume after stop-commands, and the older `##[name]` anywhere.
 * Such a `::` and every `##[` are split by a zero-width space; an ARN's `::` (`arn:aws:iam::123…`,
 * `arn:aws:s3:::bucket`) is left as it is, so it can still be copied.
 */
function noCommands(text: string): string {
  return text
    .replace(/^(\s*)::/, `$1:${ZWSP}:`)
    .replace(/(?<!:)::(?=[A-Za-z_-][\w-]*(?:::| ))/g, `:${ZWSP}:`)
    .replace(/##\[/g, `#${ZWSP}#[`)
}

/** External text for the plain log and annotations: one line (newlines shown as `\n`), no controls, no commands. */
export function logText(text: string): string {
  return oneLine(bounded(text))
}

function oneLine(text: string): string {
  return noCommands(
    text
      .replace(NEWLINE, m => (m === '\n' ? '\\n' : m === '\r' ? '\\r' : '\\r\\n'))
      .replace(/\t/g, ' ')
      .replace(CONTROL, '')
  )
}

/**
 * Text for an annotation (core.error, warning, notice, setFailed): @actions/core escapes its data (% CR LF as
 * %25 %0D %0A) and its properties (also : and ,), so the command stays one line and newlines show in the
 * annotation. Here: the control characters that could rewrite what the log shows are removed, and `::` and
 * `##[` are split as in the log, so the annotation's line holds no command name either.
 */
export function annotationText(text: string): string {
  return noCommands(bounded(text).replace(CONTROL, ''))
}

/**
 * The last guard before a block the action composed goes to the log: no line of it can be a workflow command,
 * whatever an escaping upstream missed. Our own newlines are kept.
 */
export function logBlock(text: string): string {
  return text
    .split(NEWLINE)
    .map(line => noCommands(line.replace(CONTROL, '')))
    .join('\n')
}

/**
 * Markdown punctuation that could make a link or an image (`[`), a heading, emphasis, a code span or a table
 * cell anywhere in a line; a list item only at the text's start.
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]|~#]/g

/**
 * External text inside the job summary's Markdown (a heading, a table cell, a list item): HTML is shown as text
 * (& < > as entities), Markdown punctuation is backslash-escaped, newlines are `<br>` so a cell or a heading
 * stays one line. The only HTML the summary holds is its own.
 */
export function markdownText(text: string): string {
  return bounded(text)
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(/\t/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_SPECIAL, c => `\\${c}`)
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
    .replace(/^(\s*)([-+])/, '$1\\$2')
    .replace(NEWLINE, '<br>')
    .replace(AUTOLINK, m => `${m.slice(0, -1)}${ZWSP}${m.slice(-1)}`)
}

/** What GitHub's Markdown and Slack turn into a link or a mention on their own: `scheme://`, `www.`, `@channel`. */
const AUTOLINK = /[a-z][a-z0-9+.-]*:\/\/|\bwww\.|@(?:channel|here|everyone)\b/gi

/**
 * External text inside a Slack mrkdwn field: Slack's own escaping (& < > as entities), so no `<!channel>`,
 * `<@U…>` or `<http://…|text>` can come from outside; mentions and links are added around it, never through it.
 */
export function slackText(text: string, max = 3000): string {
  return slackEscaped(text, max)
}

/** External text as a Slack code span: escaped as slackText, its backticks unable to end the span. */
export function slackCode(text: string, max = 3000): string {
  return `\`${slackEscaped(text, max)}\``
}

/** Looks like a backtick; Slack gives it no meaning. */
const MODIFIER_GRAVE = '\u02cb'

function slackEscaped(text: string, max: number): string {
  const escaped = text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(AUTOLINK, m => `${m.slice(0, -1)}${ZWSP}${m.slice(-1)}`)
    // A backtick from outside could open or close a code span or block around the action's own text.
    .replace(/`/g, MODIFIER_GRAVE)
  // Cut after escaping (Slack counts the escaped text) and never inside an entity.
  return escaped.length > max ? `${escaped.slice(0, max - 1).replace(/&[a-z]{0,3}$/, '')}…` : escaped
}

/** Characters a step output may take: a later step reads it through an environment variable or an expression. */
export const OUTPUT_TEXT_LIMIT = 4000

/**
 * A step output that holds text: one line (newlines shown as `\n`), no controls, no workflow command should a
 * later step echo it, and at most `max` characters (cut with an ellipsis).
 */
export function outputText(text: string, max = OUTPUT_TEXT_LIMIT): string {
  const line = oneLine(text.length > max * 2 ? text.slice(0, max * 2) : text)
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

/** Cuts raw text to `max` characters (before escaping, so an entity or escape is never cut in half). */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
