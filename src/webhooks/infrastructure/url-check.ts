import { Injectable } from '@nestjs/common';
import { parseWebhookUrl } from '../domain/url-policy.js';
import { WebhookUrlRefused } from '../domain/webhook-errors.js';
import { WebhookSettings } from '../webhook-settings.js';
import { urlRefusal } from './address-guard.js';

/** A subscription URL as given over the API or the CLI: well formed (400), and pointing somewhere Tally may call (422). */
@Injectable()
export class WebhookUrlCheck {
  constructor(private readonly settings: WebhookSettings) {}

  async require(text: string, field = 'url'): Promise<string> {
    const url = parseWebhookUrl(text, field);
    const refused = await urlRefusal(url, this.settings.allowPrivateUrls);
    if (refused) throw new WebhookUrlRefused(refused);
    return url.toString();
  }
}
