// The commands' names as the Commands dropdown shows them, without their schemas: the explorer
// lists queries by command on the first screen, which should not load zod for it. Its keys are the
// command ids (types.ts), so a new command starts here.

export const COMMAND_LABELS = {
  'create-message': 'Create Message',
  'schedule-message': 'Schedule Message',
  'list-messages': 'List Message',
  'fetch-message': 'Fetch Message',
  'delete-message': 'Delete Message',
  'update-message': 'Update Message',
} as const;
