// Bad inputs, each with the input the error must name, the value it must quote and words of what is accepted.
// Used by the unit test of the input module and by the e2e test of dist/ (which also proves no AWS write).
// Both run every case with GITHUB_WORKSPACE set to badInputsWorkspace(), for the paths that leave it.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A workspace whose "linked" directory and "payload.json" / "config.yml" files are symlinks to a directory
 * outside it holding readable files of those names: what a path through a symlink out of the repository finds.
 */
export function badInputsWorkspace(): string {
  const outside = mkdtempSync(join(tmpdir(), 'lambda-canary-outside-'))
  writeFileSync(join(outside, 'payload.json'), '{"secret": "outside the repository"}')
  writeFileSync(join(outside, 'config.yml'), 'defaults:\n  alias: live\n')
  const workspace = mkdtempSync(join(tmpdir(), 'lambda-canary-workspace-'))
  symlinkSync(outside, join(workspace, 'linked'), 'dir')
  symlinkSync(join(outside, 'payload.json'), join(workspace, 'payload.json'))
  symlinkSync(join(outside, 'config.yml'), join(workspace, 'config.yml'))
  return workspace
}

/** `count` metric gates as one JSON list, each on its own metric (so each is its own query, named apart). */
export function metricGatesJson(count: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    Array.from({ length: count }, (_, i) => ({
      namespace: 'App',
      metric: `M${i}`,
      statistic: 'Sum',
      comparison: '>',
      threshold: 1,
      ...extra
    }))
  )
}

/** One metric gate in YAML with `key: value` lines added (dimensions, statistic …). */
const gate = (lines: string) => `- namespace: App\n  metric: Errors\n  comparison: ">"\n  threshold: 1\n${lines}`
const thirtyOneDimensions = `  statistic: Sum\n  dimensions:\n${Array.from({ length: 31 }, (_, i) => `    D${i}: v`).join('\n')}`
export const BAD_INPUTS: [input: string, inputs: Record<string, string>, value: string, accepted: string][] = [
  ['function-name', { 'function-name': '' }, '', 'required'],
  ['function-name', { 'function-name': 'my api' }, 'my api', 'function name'],
  ['function-name', { 'function-name': 'a'.repeat(65) }, 'a'.repeat(65), 'up to 64'],
  [
    'function-name',
    { 'function-name': 'arn:aws:lambda:us-east-1:123456789012:function:api:live' },
    'arn:aws:lambda:us-east-1:123456789012:function:api:live',
    'without a version or alias'
  ],
  ['function-name', { 'function-name': 'arn:aws:s3:::bucket' }, 'arn:aws:s3:::bucket', 'full ARN'],
  ['function-name', { 'function-name': 'api\napi' }, 'api\napi', 'listed twice'],
  [
    'function-name',
    {
      'function-name': 'arn:aws:lambda:us-east-1:123456789012:function:a\narn:aws:lambda:eu-west-1:123456789012:function:b',
      version: '1\n1'
    },
    'arn:aws:lambda:us-east-1:123456789012:function:a\narn:aws:lambda:eu-west-1:123456789012:function:b',
    'different regions'
  ],
  ['version', { 'function-name': 'a\nb', version: '7' }, '7', 'one published version per function'],
  [
    'rollback-to',
    { 'function-name': 'a\nb', version: '', mode: 'rollback', 'rollback-to': '3' },
    '3',
    'with several functions use "previous"'
  ],
  ['alias', { alias: '$LATEST' }, '$LATEST', 'alias name'],
  ['alias', { alias: '42' }, '42', 'not only digits'],
  ['alias', { alias: 'li ve' }, 'li ve', 'alias name'],
  ['aws-region', { 'aws-region': 'mars' }, 'mars', 'region code'],
  [
    'aws-region',
    { 'function-name': 'arn:aws:lambda:eu-west-1:123456789012:function:api', 'aws-region': 'us-east-1' },
    'us-east-1',
    'must match'
  ],
  ['version', { version: '$LATEST' }, '$LATEST', 'published version'],
  ['version', { version: 'v7' }, 'v7', 'published version number'],
  ['version', { version: '0' }, '0', 'published version number'],
  ['version', { version: '' }, '', 'publish: true'],
  ['version', { version: '7', publish: 'true' }, '7', 'not both'],
  ['publish', { version: '', publish: 'yes please' }, 'yes please', '"true" or "false"'],
  ['mode', { mode: 'yolo' }, 'yolo', '"deploy", "plan"'],
  ['strategy', { strategy: 'canery' }, 'canery', 'LambdaCanary10Percent5Minutes'],
  ['strategy', { strategy: 'LambdaCanary20Percent5Minutes' }, 'LambdaCanary20Percent5Minutes', 'preset'],
  ['canary-weight', { 'canary-weight': '0' }, '0', 'above 0'],
  ['canary-weight', { 'canary-weight': '-5%' }, '-5%', 'percentage'],
  ['canary-weight', { 'canary-weight': '100%' }, '100%', 'below 100%'],
  ['canary-weight', { 'canary-weight': '150%' }, '150%', 'percentage'],
  ['bake-time', { 'bake-time': '5' }, '5', 'with a unit'],
  ['bake-time', { 'bake-time': '7h' }, '7h', 'at most 6h'],
  ['bake-time', { strategy: 'blue-green', 'bake-time': 'forever' }, 'forever', 'with a unit'],
  ['step-weight', { strategy: 'linear', 'step-weight': '0%' }, '0%', 'above 0'],
  ['interval', { strategy: 'linear', interval: '1 minute' }, '1 minute', 'with a unit'],
  ['steps', { strategy: 'custom', steps: '' }, '', 'needs steps'],
  ['steps', { strategy: 'custom', steps: '50%:5m, 25%:5m' }, '50%:5m, 25%:5m', 'does not rise'],
  ['steps', { strategy: 'custom', steps: '10%:3h, 50%:3h' }, '10%:3h, 50%:3h', '6-hour job limit'],
  [
    'strategy',
    { strategy: 'LambdaLinear10PercentEvery10Minutes', 'final-bake': '5h' },
    'LambdaLinear10PercentEvery10Minutes',
    '6-hour job limit'
  ],
  ['step-weight', { strategy: 'linear', 'step-weight': '0.0000001' }, '0.0000001', 'rounds to 0%'],
  ['step-weight', { strategy: 'linear', 'step-weight': '0.5%' }, '0.5%', 'at least 1%'],
  ['canary-weight', { 'canary-weight': '99.99999%' }, '99.99999%', 'rounds to 100%'],
  ['steps', { strategy: 'custom', steps: '10%:2h, 50%:2h, 90%:1h55m' }, '10%:2h, 50%:2h, 90%:1h55m', 'settle window'],
  ['final-bake', { 'final-bake': 'soon' }, 'soon', 'with a unit'],
  ['max-error-rate', { 'max-error-rate': 'low' }, 'low', 'percentage'],
  ['max-error-rate', { 'max-error-rate': '200%' }, '200%', 'percentage'],
  ['max-latency', { 'max-latency': 'fast' }, 'fast', 'milliseconds'],
  ['latency-statistic', { 'latency-statistic': 'p42' }, 'p42', '"p99"'],
  ['max-throttles', { 'max-throttles': '-1' }, '-1', 'whole number'],
  ['min-invocations', { 'min-invocations': 'lots' }, 'lots', 'whole number'],
  ['min-invocations', { 'min-invocations': '2.5' }, '2.5', 'whole number'],
  ['confidence', { confidence: '20%' }, '20%', 'from "50%" to "99.99%"'],
  ['confidence', { confidence: 'sure' }, 'sure', 'percentage'],
  ['max-error-rate-increase', { 'max-error-rate-increase': 'lots' }, 'lots', 'percentage points'],
  ['max-error-rate-increase', { 'max-error-rate-increase': '0pp' }, '0pp', 'above 0'],
  ['max-latency-increase', { 'max-latency-increase': 'slower' }, 'slower', '"1.5x"'],
  ['max-latency-increase', { 'max-latency-increase': '0.5x' }, '0.5x', '"1.5x"'],
  ['metric-gates', { 'metric-gates': '{not: [valid' }, '{not: [valid', 'not valid YAML or JSON'],
  ['metric-gates', { 'metric-gates': 'just text' }, 'just text', 'YAML or JSON list'],
  [
    'metric-gates',
    { 'metric-gates': '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: ">"\n  threshold: ten' },
    '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: ">"\n  threshold: ten',
    'not a number'
  ],
  [
    'metric-gates',
    { 'metric-gates': '- namespace: A\n  metric: B\n  statistic: Median\n  comparison: ">"\n  threshold: 1' },
    '- namespace: A\n  metric: B\n  statistic: Median\n  comparison: ">"\n  threshold: 1',
    'statistic "Median"'
  ],
  [
    'metric-gates',
    { 'metric-gates': '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: about\n  threshold: 1' },
    '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: about\n  threshold: 1',
    'comparison "about"'
  ],
  [
    'metric-gates',
    { 'metric-gates': '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: ">"\n  threshold: 1\n  treshold: 2' },
    '- namespace: A\n  metric: B\n  statistic: Sum\n  comparison: ">"\n  threshold: 1\n  treshold: 2',
    'unknown key "treshold"'
  ],
  ['smoke-payload', { 'smoke-payload': '{not json' }, '{not json', 'not valid JSON'],
  ['smoke-payload', { 'smoke-payload': '@does/not/exist.json' }, '@does/not/exist.json', 'cannot be read'],
  ['smoke-payload', { strategy: 'blue-green' }, '', 'needs a smoke test'],
  ['smoke-count', { 'smoke-payload': '{}', 'smoke-count': '0' }, '0', 'from 1 to 100'],
  ['smoke-count', { 'smoke-payload': '{}', 'smoke-count': 'many' }, 'many', 'whole number'],
  ['smoke-expect', { 'smoke-payload': '{}', 'smoke-expect': '/[unclosed/' }, '/[unclosed/', 'regular expression is invalid'],
  ['smoke-expect', { 'smoke-payload': '{}', 'smoke-expect': 'ok' }, 'ok', 'JSON value'],
  // Given but not used by this run (no smoke test, another strategy, another mode): still checked.
  ['smoke-expect', { 'smoke-expect': 'ok' }, 'ok', 'JSON value'],
  ['smoke-count', { 'smoke-count': '0' }, '0', 'from 1 to 100'],
  ['steps', { strategy: 'canary', steps: 'garbage' }, 'garbage', 'is not "weight:bake"'],
  ['steps', { strategy: 'LambdaCanary10Percent5Minutes', steps: '10%:5m, 5%:5m' }, '10%:5m, 5%:5m', 'does not rise'],
  ['canary-weight', { strategy: 'linear', 'canary-weight': '150%' }, '150%', 'percentage'],
  ['bake-time', { strategy: 'linear', 'bake-time': '5' }, '5', 'with a unit'],
  ['step-weight', { 'step-weight': '0.5%' }, '0.5%', 'at least 1%'],
  ['interval', { strategy: 'all-at-once', interval: 'soon' }, 'soon', 'with a unit'],
  ['rollback-to', { 'rollback-to': 'v3' }, 'v3', '"previous"'],
  ['rollback-to', { mode: 'plan', 'rollback-to': '$LATEST' }, '$LATEST', 'published version number'],
  ['latency-statistic', { 'max-latency-increase': 'off', 'latency-statistic': 'p42' }, 'p42', '"p99"'],
  ['provisioned-concurrency-timeout', { 'provisioned-concurrency-timeout': 'forever' }, 'forever', 'with a unit'],
  ['slack-mention', { 'slack-mention': 'everyone!' }, 'everyone!', 'Slack mentions'],
  ['pre-traffic-hook', { 'pre-traffic-hook': 'my hook' }, 'my hook', 'function name'],
  ['post-traffic-hook', { 'post-traffic-hook': 'arn:aws:s3:::x' }, 'arn:aws:s3:::x', 'function ARN'],
  ['hook-timeout', { 'hook-timeout': '20m' }, '20m', 'at most 15m'],
  ['on-insufficient-data', { 'on-insufficient-data': 'ignore' }, 'ignore', '"fail", "proceed", "wait"'],
  ['alarms', { alarms: 'a,,b' }, 'a,,b', 'no blank entries'],
  ['alarms', { alarms: ',' }, ',', 'no blank entries (entry 1 of 2 is blank)'],
  ['alarms', { alarms: 'a,' }, 'a,', 'no blank entries (entry 2 of 2 is blank)'],
  ['alarms', { alarms: 'a\n,b' }, 'a\n,b', 'no blank entries'],
  ['alarms', { alarms: 'api\t5xx' }, 'api\t5xx', 'cannot hold control characters'],
  ['alarms', { alarms: 'x'.repeat(256) }, 'x'.repeat(256), 'longer than 255 characters'],
  ['config-file', { 'config-file': '../lambda-canary.yml' }, '../lambda-canary.yml', 'the path is outside the repository'],
  ['config-file', { 'config-file': '/etc/passwd' }, '/etc/passwd', 'the path is outside the repository'],
  ['config-file', { 'config-file': 'config.yml' }, 'config.yml', 'through a symbolic link'],
  ['config-file', { 'config-file': 'linked/config.yml' }, 'linked/config.yml', 'through a symbolic link'],
  ['smoke-payload', { 'smoke-payload': '@../../../etc/passwd' }, '@../../../etc/passwd', 'the path is outside the repository'],
  ['smoke-payload', { 'smoke-payload': '@/etc/hostname' }, '@/etc/hostname', 'the path is outside the repository'],
  ['smoke-payload', { 'smoke-payload': '@payload.json' }, '@payload.json', 'through a symbolic link'],
  ['smoke-payload', { 'smoke-payload': '@linked/payload.json' }, '@linked/payload.json', 'through a symbolic link'],
  ['smoke-payload', { 'smoke-payload': '@linked/../linked/payload.json' }, '@linked/../linked/payload.json', 'through a symbolic link'],
  ['metric-gates', { 'metric-gates': metricGatesJson(490) }, metricGatesJson(490), 'more than the 500 one GetMetricData call takes'],
  [
    'metric-gates',
    { 'metric-gates': metricGatesJson(489), 'max-latency': '2s' },
    metricGatesJson(489),
    "489 gates and the action's own 12 metric queries"
  ],
  ['metric-gates', { 'metric-gates': gate(thirtyOneDimensions) }, gate(thirtyOneDimensions), 'has 31 dimensions'],
  ['metric-gates', { 'metric-gates': gate('  statistic: p100.5') }, gate('  statistic: p100.5'), 'statistic "p100.5"'],
  [
    'metric-gates',
    { 'metric-gates': gate('  statistic: TM(10%:1000)') },
    gate('  statistic: TM(10%:1000)'),
    'which CloudWatch does not take'
  ],
  ['metric-gates', { 'metric-gates': gate('  statistic: TM(90%:10%)') }, gate('  statistic: TM(90%:10%)'), 'statistic "TM(90%:10%)"'],
  ['metric-gates', { 'metric-gates': gate('  statistic: avg') }, gate('  statistic: avg'), 'statistic "avg"'],
  [
    'metric-gates',
    { 'metric-gates': gate('  statistic: Sum\n  dimensions: { QueueName: "" }') },
    gate('  statistic: Sum\n  dimensions: { QueueName: "" }'),
    'empty value for dimension "QueueName"'
  ],
  [
    'metric-gates',
    { 'metric-gates': gate('  statistic: Sum\n  dimensions: { ":Queue": q }') },
    gate('  statistic: Sum\n  dimensions: { ":Queue": q }'),
    'does not take one starting with ":"'
  ],
  [
    'metric-gates',
    { 'metric-gates': `- namespace: App\n  metric: Latenz-µs\n  statistic: Sum\n  comparison: ">"\n  threshold: 1` },
    `- namespace: App\n  metric: Latenz-µs\n  statistic: Sum\n  comparison: ">"\n  threshold: 1`,
    'printable ASCII characters only'
  ],
  [
    'metric-gates',
    { 'metric-gates': `- namespace: ${'N'.repeat(256)}\n  metric: M\n  statistic: Sum\n  comparison: ">"\n  threshold: 1` },
    `- namespace: ${'N'.repeat(256)}\n  metric: M\n  statistic: Sum\n  comparison: ">"\n  threshold: 1`,
    'a namespace of 256 characters; CloudWatch takes at most 255'
  ],
  ['metric-period', { 'metric-period': '90s' }, '90s', 'whole number of minutes'],
  ['metric-period', { 'metric-period': '60' }, '60', 'with a unit'],
  ['metric-lag', { 'metric-lag': '1h' }, '1h', 'at most 15m'],
  ['poll-interval', { 'poll-interval': '0s' }, '0s', 'more than zero'],
  ['poll-interval', { 'poll-interval': '500ms' }, '500ms', 'at least "1s"'],
  ['on-split-alias', { 'on-split-alias': 'ignore' }, 'ignore', '"restore", "fail"']
]
