// The shared secrets of the test gateways and the test CMS that notifies them.
export const TEST_SECRETS = {
  whatsappApp: 'test-app-secret',
  whatsappVerify: 'test-verify-token',
  telegram: 'test-telegram-secret',
  notify: 'test-notify-secret-0123456789',
  smsWebhook: 'test-sms-webhook-secret-0123456789',
} as const;
