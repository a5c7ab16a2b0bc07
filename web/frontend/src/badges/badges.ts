import { BadgeStore } from './BadgeStore';

export const badges = new BadgeStore();
