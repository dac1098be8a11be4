/**
 * THUMBNAIL_DEFINITION is the ASL of the demo's Express workflow `image-thumbnails`, started
 * for every uploaded photo: check the file type (anything but JPEG and PNG is rejected by a
 * Fail state), resize it (retried when Lambda throttles), detect labels (a photo Rekognition
 * cannot read is caught and marked unlabelled), store the thumbnail, notify the uploader.
 * Express: no `.sync` or callback tasks, and at most five minutes per run.
 */
export const THUMBNAIL_DEFINITION = {
  Comment: 'Thumbnail and labels for one uploaded photo (Express)',
  StartAt: 'CheckImageType',
  States: {
    CheckImageType: {
      Type: 'Choice',
      Choices: [{ Variable: '$.contentType', StringMatches: 'image/[jp][pn]g', Next: 'ResizeImage' }],
      Default: 'RejectUpload',
    },
    RejectUpload: { Type: 'Fail', Error: 'UnsupportedImageType', CausePath: '$.reason' },
    ResizeImage: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'arn:aws:lambda:eu-west-1:482913557106:function:resize-image:$LATEST', 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      ResultPath: '$.thumbnail',
      Next: 'DetectLabels',
    },
    DetectLabels: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:rekognition:detectLabels',
      Parameters: { Image: { S3Object: { 'Bucket.$': '$.bucket', 'Name.$': '$.key' } }, MaxLabels: 10 },
      Catch: [{ ErrorEquals: ['Rekognition.InvalidImageFormatException'], ResultPath: '$.labelError', Next: 'MarkUnlabelled' }],
      ResultPath: '$.labels',
      Next: 'StoreThumbnail',
    },
    MarkUnlabelled: { Type: 'Pass', Result: [], ResultPath: '$.labels', Next: 'StoreThumbnail' },
    StoreThumbnail: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:putObject',
      Parameters: { Bucket: 'photo-thumbnails-482913557106', 'Key.$': '$.thumbnail.key', 'Body.$': '$.thumbnail.body' },
      ResultPath: null,
      Next: 'NotifyUploader',
    },
    NotifyUploader: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: 'arn:aws:sns:eu-west-1:482913557106:photo-ready', 'Message.$': '$.key' },
      ResultPath: null,
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};
