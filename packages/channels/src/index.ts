// @baobab/channels: everything about chat channels that is pure: the registry and hard
// limits, GSM-7/UCS-2 segmentation, blocks → text per channel, output checks against the
// providers' limits, and the editors' preview. The CMS, the gateway and the mobi-site's
// preview page all import it; it imports nothing above the floor.
export * from './blocks';
export * from './channels';
export * from './gsm';
export * from './limits';
export * from './preview';
export * from './strings';
export * from './validate';
export * from './render/menu-pages';
export * from './render/messenger';
export * from './render/sms';
export * from './render/telegram';
export * from './render/text';
export * from './render/types';
export * from './render/ussd';
export * from './render/whatsapp';
