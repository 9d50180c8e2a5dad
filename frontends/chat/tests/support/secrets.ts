// The shared secrets of the test gateways and the test CMS that notifies them.
export const TEST_SECRETS = {
  whatsappApp: 'test-app-secret',
  whatsappVerify: 'test-verify-token',
  telegram: 'test-telegram-secret',
  notify: 'test-notify-secret-0123456789',
  smsWebhook: 'test-sms-webhook-secret-0123456789',
  /** The front ends' write secret: the gateway sends it with plugins' mutations, the CMS checks it. */
  write: 'test-write-secret-0123456789abcdef',
} as const;
