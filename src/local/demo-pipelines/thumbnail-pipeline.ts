/**
 * The demo's Express workflow: `image-thumbnails` (THUMBNAIL_DEFINITION) runs once per
 * uploaded photo, a run every 20 recorded seconds (2 s at the default speed), each run a few
 * recorded seconds long, so two runs are often in flight at once. Written with HistoryWriter
 * like the release pipeline; the stub serves no history for them (Express), it only logs
 * their events.
 *
 * | Run | What happens |
 * | --- | --- |
 * | photo-2041, photo-2043, photo-2046 | every state succeeds |
 * | photo-2042 | the resize is throttled once by Lambda and retried |
 * | photo-2044 | Rekognition cannot read the photo: caught, marked unlabelled |
 * | photo-2045 | a HEIC file: rejected by the Fail state, the run fails |
 */
import { createHash } from 'node:crypto';
import type { SfnRecording } from '../sfn-stub/index.js';
import { HistoryWriter } from './history-writer.js';
import type { Thread } from './history-writer.js';
import { THUMBNAIL_DEFINITION } from './thumbnail-definition.js';
import type { TaskResource } from './visits.js';
import { enter, exit, LAMBDA_INVOKE, pass, SNS_PUBLISH, succeed, task } from './visits.js';

const ACCOUNT_PREFIX = 'arn:aws:states:eu-west-1:482913557106';

/** THUMBNAIL_STATE_MACHINE is the Express state machine's name. */
export const THUMBNAIL_STATE_MACHINE = 'image-thumbnails';

/** RUN_EVERY_SECONDS is the recorded time between two uploads. */
export const RUN_EVERY_SECONDS = 20;

const REKOGNITION_DETECT_LABELS: TaskResource = { resourceType: 'aws-sdk:rekognition', resource: 'detectLabels' };
const S3_PUT_OBJECT: TaskResource = { resourceType: 'aws-sdk:s3', resource: 'putObject' };

/** ThumbnailOutcome is how one run goes (see the file comment). */
export type ThumbnailOutcome = 'succeeds' | 'throttled' | 'unreadable' | 'rejected';

/** THUMBNAIL_RUNS are the demo's uploads, in start order. */
export const THUMBNAIL_RUNS: ReadonlyArray<{ readonly name: string; readonly outcome: ThumbnailOutcome }> = [
  { name: 'photo-2041', outcome: 'succeeds' },
  { name: 'photo-2042', outcome: 'throttled' },
  { name: 'photo-2043', outcome: 'succeeds' },
  { name: 'photo-2044', outcome: 'unreadable' },
  { name: 'photo-2045', outcome: 'rejected' },
  { name: 'photo-2046', outcome: 'succeeds' },
];

/** THROTTLED and UNREADABLE are the failures the runs meet; REJECTED fails photo-2045. */
export const THROTTLED = { error: 'Lambda.TooManyRequestsException', cause: '{"errorMessage":"Rate exceeded for function resize-image"}' };
export const UNREADABLE = { error: 'Rekognition.InvalidImageFormatException', cause: 'Request has invalid image format' };
export const REJECTED = { error: 'UnsupportedImageType', cause: 'photo-2045 is a HEIC file; thumbnails are made of JPEG and PNG only' };

/** expressUuid is a fixed UUID per run name, so the demo's ARNs are the same on every run. */
function expressUuid(name: string): string {
  const hex = createHash('sha256').update(`${THUMBNAIL_STATE_MACHINE}/${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function writeRun(root: Thread, name: string, outcome: ThumbnailOutcome): void {
  const contentType = outcome === 'rejected' ? 'image/heic' : 'image/jpeg';
  root.emit('ExecutionStarted', { input: JSON.stringify({ bucket: 'photo-uploads', key: `${name}.jpg`, contentType }), roleArn: 'arn:aws:iam::482913557106:role/image-thumbnails-role' }, { advance: false });
  enter(root, 'Choice', 'CheckImageType');
  exit(root, 'Choice', 'CheckImageType');
  if (outcome === 'rejected') {
    enter(root, 'Fail', 'RejectUpload');
    root.wait(0.01).emit('ExecutionFailed', REJECTED);
    return;
  }
  task(root, 'ResizeImage', LAMBDA_INVOKE, outcome === 'throttled' ? [{ seconds: 0.4, ...THROTTLED }, { seconds: 9, afterSeconds: 2 }] : [{ seconds: 9 }]);
  if (outcome === 'unreadable') {
    task(root, 'DetectLabels', REKOGNITION_DETECT_LABELS, [{ seconds: 3, ...UNREADABLE }], true);
    pass(root, 'MarkUnlabelled');
  } else {
    task(root, 'DetectLabels', REKOGNITION_DETECT_LABELS, [{ seconds: 6 }]);
  }
  task(root, 'StoreThumbnail', S3_PUT_OBJECT, [{ seconds: 1.5 }]);
  task(root, 'NotifyUploader', SNS_PUBLISH, [{ seconds: 0.3 }]);
  succeed(root, 'Done');
  root.wait(0.01).emit('ExecutionSucceeded', { output: '{}' });
}

/**
 * thumbnailRecordings returns one recording per upload in THUMBNAIL_RUNS, started
 * RUN_EVERY_SECONDS apart (Express ARNs: `…:express:image-thumbnails:<name>:<uuid>`).
 */
export function thumbnailRecordings(): SfnRecording[] {
  const firstStart = Date.UTC(2025, 5, 4, 10, 0, 0);
  return THUMBNAIL_RUNS.map(({ name, outcome }, index) => {
    const startDate = firstStart + index * RUN_EVERY_SECONDS * 1000;
    const writer = new HistoryWriter(startDate);
    writeRun(writer.root(), name, outcome);
    return {
      description: {
        executionArn: `${ACCOUNT_PREFIX}:express:${THUMBNAIL_STATE_MACHINE}:${name}:${expressUuid(name)}`,
        stateMachineArn: `${ACCOUNT_PREFIX}:stateMachine:${THUMBNAIL_STATE_MACHINE}`,
        name,
        startDate,
      },
      events: writer.events(),
      definition: THUMBNAIL_DEFINITION,
    };
  });
}
