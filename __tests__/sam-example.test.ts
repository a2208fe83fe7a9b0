// examples/sam/: the SAM template is valid YAML with CloudFormation's tags and leaves the traffic alias to
// lambda-canary; the workflow reads the version SAM published from SAM's own alias and hands it to lambda-canary.
// (The workflow passes actionlint in workflows.test.ts; e2e/sam-example.test.ts runs it against the simulator.)
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parseTemplate, samFunction, samWorkflow, TEMPLATE_PATH, WORKFLOW_PATH } from './helpers/sam-example.js'

const template = parseTemplate(readFileSync(TEMPLATE_PATH, 'utf8'))
const fn = samFunction(template)
const workflow = samWorkflow()
const workflowText = readFileSync(WORKFLOW_PATH, 'utf8')

describe('the SAM example', () => {
  it('the template is a SAM template whose tags resolve to CloudFormation intrinsics', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31')
    expect(template.Outputs?.FunctionArn?.Value).toEqual({ 'Fn::GetAtt': [fn.logicalId, 'Arn'] })
    expect(template.Outputs?.PublishedVersionArn?.Value).toEqual({ Ref: `${fn.logicalId}.Version` })
    expect(template.Outputs?.TrafficAliasArn?.Value).toEqual({ 'Fn::Sub': `\${${fn.logicalId}.Arn}:live` })
  })

  it('an unknown tag or a YAML error is refused, not read as a string', () => {
    expect(() => parseTemplate('Value: !ImportValue other-stack-output\n')).toThrow(/does not parse/)
    expect(() => parseTemplate('Resources: [\n')).toThrow(/does not parse/)
  })

  it('SAM publishes to its own alias, not to the alias lambda-canary moves, and shifts no traffic itself', () => {
    expect(fn.properties.AutoPublishAlias).toBe('sam-published')
    expect(fn.properties.AutoPublishAlias).not.toBe(workflow.canary.with.alias)
    expect(fn.properties.DeploymentPreference).toBeUndefined()
    // SAM attaches Events to the AutoPublishAlias alias: traffic would bypass lambda-canary.
    expect(fn.properties.Events).toBeUndefined()
    expect(Object.values(template.Resources).map(r => r.Type)).not.toContain('AWS::Lambda::Alias')
  })

  it('the workflow releases the template’s function on "live", with the version read from SAM’s alias', () => {
    expect(workflow.canary.with['function-name']).toBe(fn.properties.FunctionName)
    expect(workflow.canary.with.alias).toBe('live')
    expect(workflow.canary.with.publish).toBeUndefined()
    expect(workflow.reader.run).toContain(
      `aws lambda get-alias --function-name ${fn.properties.FunctionName} --name ${fn.properties.AutoPublishAlias} --query FunctionVersion --output text`
    )
    expect(workflow.reader.run).toContain(`echo "${workflow.output}=$version" >> "$GITHUB_OUTPUT"`)
    // The deploy runs before the read, and the read before the release.
    const order = ['sam deploy', `id: ${workflow.reader.id}`, 'uses: org/lambda-canary@'].map(s => workflowText.indexOf(s))
    expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true)
  })

  it('the one-time command in the workflow creates "live" on the version SAM published', () => {
    const name = fn.properties.FunctionName as string
    expect(workflowText).toContain(`aws lambda create-alias --function-name ${name} --name live \\`)
    expect(workflowText).toContain(`--function-version "$(aws lambda get-alias --function-name ${name} --name sam-published`)
  })
})
