import { Injectable } from '@nestjs/common';

/** The only place that reads the time, so domain code receives it and tests can fix it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
