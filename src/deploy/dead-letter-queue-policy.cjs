// The dead-letter queue's resource policy: EventBridge may send it the events it could not
// deliver, but only on behalf of our own status-change rule (aws:SourceArn), so no other rule
// in the account or elsewhere can fill it. (Lambda's on-failure destination writes through the
// function role, which needs no queue policy.)
'use strict';

module.exports = async ({ resolveConfigurationProperty }) => {
  const ruleName = await resolveConfigurationProperty(['custom', 'statusRuleName']);
  return [
    {
      Sid: 'EventBridgeDeliveryFailuresOfOurRule',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] },
      Condition: {
        ArnEquals: { 'aws:SourceArn': { 'Fn::Sub': `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/${ruleName}` } },
      },
    },
  ];
};
